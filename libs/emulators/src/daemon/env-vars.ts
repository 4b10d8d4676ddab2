import type { SandboxStateFile } from './layout';

/**
 * The variables of `sandbox.env`, in file order. Lanes read these names; paths are absolute.
 * Google roots end with `/` (googleapis' `rootUrl` convention); the ASC base URL does not (client `baseUrl`).
 */
export function sandboxEnvVars(state: SandboxStateFile): Record<string, string> {
  const { urls, credentials, seeded } = state;
  return {
    AKC_SANDBOX: '1',
    AKC_ASC_BASE_URL: urls.app_store_connect,
    APP_STORE_CONNECT_API_KEY_ID: credentials.asc_key_id,
    APP_STORE_CONNECT_API_ISSUER_ID: credentials.asc_issuer_id,
    APP_STORE_CONNECT_PRIVATE_KEY_PATH: credentials.asc_private_key_path,
    AKC_DELIVERY_ASC_BETA_GROUP_ID: seeded.asc_beta_group_id,
    AKC_PLAY_ROOT_URL: `${urls.google_play}/`,
    AKC_FIREBASE_ROOT_URL: `${urls.firebase_app_distribution}/`,
    AKC_GOOGLE_TOKEN_URI: urls.google_token_uri,
    GOOGLE_APPLICATION_CREDENTIALS: credentials.service_account_path,
    AKC_DELIVERY_FIREBASE_APP_ID: seeded.firebase_app_id,
    AKC_DELIVERY_FIREBASE_APP_DIST_GROUPS: seeded.firebase_group_alias,
    AKC_DELIVERY_PLAY_PACKAGE_NAME: seeded.play_package_name,
    AKC_DELIVERY_SMTP_URL: urls.smtp,
    AKC_SANDBOX_CONTROL_URLS: JSON.stringify(state.control_urls),
  };
}
