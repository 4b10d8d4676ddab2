/** Android requirements: Firebase App Distribution (beta) and Google Play (store). */
import { OP_FILE, credentialReason, envSet, when, type DeliveryFacts, type Requirement } from './requirement';
import { prereqFlag, prereqList, prereqString } from './operator-prereqs';

const SERVICE_ACCOUNT_FIX =
  'Export GOOGLE_APPLICATION_CREDENTIALS=/path/to/service-account.json (a Google Cloud service-account key with';

function firebaseCredentialsReason(f: DeliveryFacts): string | undefined {
  const base = credentialReason('Firebase App Distribution credentials missing', f.googleServiceAccount);
  // FIREBASE_TOKEN passed the original preflight, but distribution never uses it (spec §16 item 12).
  return base && envSet(f.env, 'FIREBASE_TOKEN')
    ? `${base} (FIREBASE_TOKEN is set but is not used for distribution)`
    : base;
}

/** In check order; the human-input order is the same with the repo-only rows left out. */
export const ANDROID_REQUIREMENTS: readonly Requirement[] = [
  {
    key: 'android.firebase_app_id',
    platform: 'android',
    lanes: ['beta'],
    unmet: (f) =>
      when(
        prereqString(f.prereqs, 'android.firebase_app_id') !== undefined ||
          envSet(f.env, 'AKC_DELIVERY_FIREBASE_APP_ID') ||
          f.probes.firebase_android_app_id !== null,
        'Firebase Android app id not found: add android/app/google-services.json, or set env AKC_DELIVERY_FIREBASE_APP_ID or operator prereq android.firebase_app_id',
      ),
    fix: `Download google-services.json into android/app/, or set "android": {"firebase_app_id": "1:1234567890:android:abc123"} in ${OP_FILE}`,
    input: {
      id: 'firebase_android_app_registration',
      account: 'firebase',
      value_kind: 'firebase_app_id',
      sensitive: false,
      title: 'Firebase Android app',
      question: 'Which Firebase app id does the Android app use?',
      help_text: 'Firebase console > Project settings > Your apps; looks like 1:1234567890:android:abc123.',
      binding: { kind: 'ir_node_property', property: 'delivery.android.firebase_app_id', scope: 'repo' },
    },
  },
  {
    key: 'android.firebase_credentials',
    platform: 'android',
    lanes: ['beta'],
    unmet: firebaseCredentialsReason,
    fix: `${SERVICE_ACCOUNT_FIX} the Firebase App Distribution Admin role)`,
    input: {
      id: 'firebase_distribution_credentials',
      account: 'firebase',
      value_kind: 'service_account_json',
      sensitive: true,
      title: 'Firebase App Distribution credentials',
      question: 'Provide a service-account key allowed to distribute Firebase releases.',
      help_text:
        'Set GOOGLE_APPLICATION_CREDENTIALS to the JSON key file; the same key can serve Google Play if it has both roles.',
      binding: { kind: 'operator_env', property: 'GOOGLE_APPLICATION_CREDENTIALS', scope: 'operator' },
    },
  },
  {
    key: 'android.firebase_groups',
    platform: 'android',
    lanes: ['beta'],
    unmet: (f) =>
      when(
        prereqList(f.prereqs, 'android.firebase_app_distribution_groups').length > 0 ||
          envSet(f.env, 'AKC_DELIVERY_FIREBASE_APP_DIST_GROUPS', 'FIREBASE_APP_DISTRIBUTION_GROUPS'),
        'Firebase tester groups not set: set env AKC_DELIVERY_FIREBASE_APP_DIST_GROUPS (or FIREBASE_APP_DISTRIBUTION_GROUPS) or operator prereq android.firebase_app_distribution_groups',
      ),
    fix: `Export AKC_DELIVERY_FIREBASE_APP_DIST_GROUPS=qa,friends, or set "android": {"firebase_app_distribution_groups": "qa,friends"} in ${OP_FILE}`,
    input: {
      id: 'firebase_tester_groups',
      account: 'firebase',
      value_kind: 'group_aliases',
      sensitive: false,
      title: 'Firebase tester groups',
      question: 'Which Firebase App Distribution groups (aliases) should receive the build?',
      help_text: 'Comma-separated group aliases from App Distribution > Testers & Groups.',
      binding: {
        kind: 'ir_node_property',
        property: 'delivery.android.firebase_app_distribution_groups',
        scope: 'repo',
      },
    },
  },
  {
    key: 'android.play_package',
    platform: 'android',
    lanes: ['store'],
    unmet: (f) =>
      when(
        envSet(f.env, 'AKC_DELIVERY_PLAY_PACKAGE_NAME') ||
          prereqString(f.prereqs, 'android.play_package') !== undefined ||
          f.probes.android_application_id !== null,
        'Android application id not found: set applicationId in android/app/build.gradle(.kts) or expo.android.package, env AKC_DELIVERY_PLAY_PACKAGE_NAME, or operator prereq android.play_package',
      ),
    fix: `Set "android": {"play_package": "com.example.app"} in ${OP_FILE}, or applicationId in android/app/build.gradle`,
    input: {
      id: 'google_play_app_registration',
      account: 'google_play',
      value_kind: 'android_package',
      sensitive: false,
      title: 'Google Play app',
      question: 'Which package name is the app registered under in Google Play Console?',
      help_text: 'The applicationId, e.g. com.example.app; the app must already exist in Play Console.',
      binding: { kind: 'ir_node_property', property: 'delivery.android.play_application_id', scope: 'repo' },
    },
  },
  {
    key: 'android.play_credentials',
    platform: 'android',
    lanes: ['store'],
    unmet: (f) =>
      credentialReason(
        'Google Play publisher credentials missing (operator prereq android.play_publisher_api alone is not enough)',
        f.googleServiceAccount,
      ),
    fix: `${SERVICE_ACCOUNT_FIX} release access in Play Console > Users and permissions)`,
    input: {
      id: 'google_play_publisher_credentials',
      account: 'google_play',
      value_kind: 'service_account_json',
      sensitive: true,
      title: 'Google Play publisher credentials',
      question: 'Provide a service-account key with release access to the app in Play Console.',
      help_text: 'Set GOOGLE_APPLICATION_CREDENTIALS to the JSON key file; it is never copied into the repo.',
      binding: { kind: 'operator_env', property: 'GOOGLE_APPLICATION_CREDENTIALS', scope: 'operator' },
    },
  },
  {
    key: 'android.gradle_project',
    platform: 'android',
    lanes: ['store'],
    unmet: (f) =>
      when(
        f.probes.android_gradle_project || prereqFlag(f.prereqs, 'android.gradle_project'),
        'no Android Gradle project found: add android/app/build.gradle(.kts) or set operator prereq android.gradle_project',
      ),
    fix: `Commit the android/ Gradle project (or run expo prebuild), or set "android": {"gradle_project": true} in ${OP_FILE}`,
  },
  {
    key: 'android.signing_keystore',
    platform: 'android',
    lanes: ['store'],
    unmet: (f) =>
      when(
        prereqFlag(f.prereqs, 'android.signing_keystore'),
        'Android upload keystore not acknowledged: set operator prereq android.signing_keystore',
      ),
    fix: `Configure the upload keystore for release builds, then set "android": {"signing_keystore": true} in ${OP_FILE}`,
    input: {
      id: 'android_signing_assets',
      account: 'google_play',
      value_kind: 'android_signing',
      sensitive: true,
      title: 'Android upload keystore',
      question: 'Provide the upload keystore used to sign release bundles.',
      help_text: 'Kept out of the repo; Play App Signing re-signs the bundle for users.',
      binding: { kind: 'ir_node_property', property: 'delivery.android.signing_assets', scope: 'repo' },
    },
  },
];
