// Minimal structural types for the parts of google-auth-library 10 and @googleapis/androidpublisher 37
// that the real-client tests use. They are loaded with require() so the suite still type-checks and runs
// (skipping those tests) where the packages are not installed.
import { loadOptional } from './google';

type GaxiosConfig = { url?: string | URL };

/** The part of google-auth-library's JWT client used here. */
export interface JwtClient {
  transporter: {
    interceptors: {
      request: {
        add(interceptor: {
          resolved: (config: GaxiosConfig) => GaxiosConfig | Promise<GaxiosConfig>;
        }): unknown;
      };
    };
  };
  getAccessToken(): Promise<{ token?: string | null }>;
}

/** The part of google-auth-library's module used here. */
export interface GoogleAuthLibrary {
  JWT: new (options: { email: string; key: string; scopes: string[] }) => JwtClient;
}

type Call<P, R> = (params: P, options?: { rootUrl?: string }) => Promise<{ data: R }>;

/** The androidpublisher v3 methods used here. */
export interface AndroidPublisherApi {
  edits: {
    insert: Call<{ packageName: string }, { id?: string | null }>;
    commit: Call<{ packageName: string; editId: string }, { id?: string | null }>;
    bundles: {
      upload: Call<
        { packageName: string; editId: string; media: { mimeType: string; body: NodeJS.ReadableStream } },
        { versionCode?: number | null; sha256?: string | null }
      >;
    };
    tracks: {
      update: Call<
        {
          packageName: string;
          editId: string;
          track: string;
          requestBody: {
            track: string;
            releases: { status: string; versionCodes: string[]; userFraction?: number }[];
          };
        },
        { track?: string | null; releases?: { status?: string | null }[] }
      >;
    };
  };
}

/** The module shape of @googleapis/androidpublisher. */
export interface AndroidPublisherModule {
  androidpublisher(options: { version: 'v3'; auth: JwtClient }): AndroidPublisherApi;
}

export const googleAuthLibrary = loadOptional<GoogleAuthLibrary>('google-auth-library');
export const androidPublisherModule = loadOptional<AndroidPublisherModule>('@googleapis/androidpublisher');

/** Sends the JWT client's token request (hard-coded to Google) to the key file's token_uri instead. */
export function redirectTokenRequests(client: JwtClient, tokenUri: string): void {
  client.transporter.interceptors.request.add({
    resolved: (config) => {
      if (String(config.url) === 'https://oauth2.googleapis.com/token')
        config.url = config.url instanceof URL ? new URL(tokenUri) : tokenUri;
      return config;
    },
  });
}
