/** iOS requirements: TestFlight (beta) and App Store release (store). */
import { OP_FILE, credentialReason, envSet, when, type Requirement } from './requirement';
import { prereqFlag, prereqString } from './operator-prereqs';

const BOTH = ['beta', 'store'] as const;
const laneName = (lane: string): string => (lane === 'beta' ? 'TestFlight' : 'App Store release');

/** In check order; the human-input order is the same with the repo-only rows left out. */
export const IOS_REQUIREMENTS: readonly Requirement[] = [
  {
    key: 'ios.bundle_id',
    platform: 'ios',
    lanes: BOTH,
    unmet: (f) =>
      when(
        f.probes.ios_bundle_id !== null || prereqFlag(f.prereqs, 'ios.bundle_id'),
        'iOS bundle id not found: set expo.ios.bundleIdentifier in app.json or operator prereq ios.bundle_id',
      ),
    fix: `Set "ios": {"bundle_id": "com.example.app"} in ${OP_FILE}, or expo.ios.bundleIdentifier in app.json`,
    input: {
      id: 'ios_bundle_id',
      account: 'apple_developer',
      value_kind: 'bundle_id',
      sensitive: false,
      title: 'iOS bundle identifier',
      question: 'Which bundle identifier does the iOS app use?',
      help_text: 'Reverse-DNS id registered in your Apple Developer account, e.g. com.example.app.',
      binding: { kind: 'ir_node_property', property: 'delivery.ios.bundle_id', scope: 'repo' },
    },
  },
  {
    key: 'apple.team_id',
    platform: 'ios',
    lanes: BOTH,
    unmet: (f) =>
      when(
        f.probes.apple_team_id !== null || prereqFlag(f.prereqs, 'apple.team_id'),
        'Apple Developer team id not found: set submit.production.ios.appleTeamId in eas.json or operator prereq apple.team_id',
      ),
    fix: `Set "apple": {"team_id": "ABCDE12345"} in ${OP_FILE}, or submit.production.ios.appleTeamId in eas.json`,
    input: {
      id: 'apple_team_registration',
      account: 'apple_developer',
      value_kind: 'apple_team_id',
      sensitive: false,
      title: 'Apple Developer team',
      question: 'Which Apple Developer team id publishes the app?',
      help_text: 'The 10-character team id shown under Membership in the Apple Developer portal.',
      binding: { kind: 'ir_node_property', property: 'delivery.ios.apple_team_id', scope: 'repo' },
    },
  },
  {
    key: 'ios.xcode_or_eas_export',
    platform: 'ios',
    lanes: BOTH,
    unmet: (f) =>
      when(
        f.probes.ios_xcode_or_eas_build || prereqFlag(f.prereqs, 'ios.xcode_or_eas_export'),
        'no iOS build setup found: add an ios/*.xcodeproj or *.xcworkspace, an eas.json "build" profile, or set operator prereq ios.xcode_or_eas_export',
      ),
    fix: `Commit the Xcode project under ios/ or an eas.json "build" profile, or set "ios": {"xcode_or_eas_export": true} in ${OP_FILE}`,
  },
  {
    key: 'ios.signing_assets',
    platform: 'ios',
    lanes: BOTH,
    unmet: (f) =>
      when(
        f.probes.ios_signing_hint || prereqFlag(f.prereqs, 'ios.signing_assets'),
        'iOS signing assets not found: add credentials.json or an ios/**/*.mobileprovision, or set operator prereq ios.signing_assets',
      ),
    fix: `Provide the distribution certificate and provisioning profile (EAS credentials.json or ios/*.mobileprovision), then set "ios": {"signing_assets": true} in ${OP_FILE}`,
    input: {
      id: 'ios_signing_assets',
      account: 'apple_developer',
      value_kind: 'signing_profile_bundle',
      sensitive: true,
      title: 'iOS signing assets',
      question: 'Provide the distribution certificate and provisioning profile.',
      help_text: 'Kept out of the repo; EAS credentials.json or a .mobileprovision under ios/ is detected.',
      binding: { kind: 'ir_node_property', property: 'delivery.ios.signing_assets', scope: 'repo' },
    },
  },
  {
    key: 'ios.app_store_connect_api_key',
    platform: 'ios',
    lanes: BOTH,
    unmet: (f) => credentialReason('App Store Connect API key incomplete', f.ascKey),
    fix: 'Export APP_STORE_CONNECT_API_KEY_ID=<key id>, APP_STORE_CONNECT_API_ISSUER_ID=<issuer id> and APP_STORE_CONNECT_PRIVATE_KEY_PATH=/path/to/AuthKey_<key id>.p8 (App Store Connect > Users and Access > Integrations)',
    input: {
      id: 'app_store_connect_api_key',
      account: 'app_store_connect',
      value_kind: 'app_store_connect_api_key',
      sensitive: true,
      title: 'App Store Connect API key',
      question: 'Provide an App Store Connect API key (key id, issuer id and .p8 file).',
      help_text:
        'Set APP_STORE_CONNECT_API_KEY_ID, APP_STORE_CONNECT_API_ISSUER_ID and APP_STORE_CONNECT_PRIVATE_KEY_PATH in the environment; the key never goes in the repo.',
      binding: { kind: 'operator_env', property: 'APP_STORE_CONNECT_PRIVATE_KEY_PATH', scope: 'operator' },
    },
  },
  {
    key: 'ios.app_store_connect_app',
    platform: 'ios',
    lanes: BOTH,
    unmet: (f, lane) =>
      when(
        prereqFlag(f.prereqs, 'ios.app_store_connect_app'),
        `App Store Connect app record not acknowledged (needed for ${laneName(lane)}): set operator prereq ios.app_store_connect_app`,
      ),
    fix: `Create the app in App Store Connect, then set "ios": {"app_store_connect_app": true} (or its Apple app id) in ${OP_FILE}`,
    input: {
      id: 'apple_app_store_registration',
      account: 'app_store_connect',
      value_kind: 'app_store_app_id',
      sensitive: false,
      title: 'App Store Connect app record',
      question: 'Has the app been created in App Store Connect (TestFlight and the App Store both need it)?',
      help_text: 'My Apps > + > New App, with the same bundle id.',
      binding: { kind: 'ir_node_property', property: 'delivery.ios.app_store_connect_app', scope: 'repo' },
    },
  },
  {
    key: 'ios.testflight_group',
    platform: 'ios',
    lanes: ['beta'],
    unmet: (f) =>
      when(
        envSet(f.env, 'AKC_DELIVERY_ASC_BETA_GROUP_ID') ||
          prereqString(f.prereqs, 'ios.testflight_group') !== undefined,
        'TestFlight beta group not set: set env AKC_DELIVERY_ASC_BETA_GROUP_ID or operator prereq ios.testflight_group',
      ),
    fix: `Export AKC_DELIVERY_ASC_BETA_GROUP_ID=<beta group id>, or set "ios": {"testflight_group": "<group name or id>"} in ${OP_FILE}`,
    input: {
      id: 'testflight_beta_group',
      account: 'app_store_connect',
      value_kind: 'testflight_group',
      sensitive: false,
      title: 'TestFlight beta group',
      question: 'Which TestFlight beta group should the recipients join?',
      help_text: 'An external or internal group of the app in App Store Connect (name or id).',
      binding: { kind: 'ir_node_property', property: 'delivery.ios.testflight_group', scope: 'repo' },
    },
  },
];
