import { Flags } from '@oclif/core';

const PORT_LIST =
  /^(asc|play|firebase|oauth|smtp|smtp-control)=\d{1,5}(,(asc|play|firebase|oauth|smtp|smtp-control)=\d{1,5})*$/;

/**
 * Flags of `akc sandbox start`, passed through to the daemon. Each has an `AKC_SANDBOX_*` variable
 * (the daemon reads the same names when started by hand).
 */
export const sandboxStartFlags = {
  'bundle-id': Flags.string({
    description: 'Bundle id of the seeded App Store Connect app.',
    env: 'AKC_SANDBOX_BUNDLE_ID',
    default: 'com.example.app',
  }),
  'package-name': Flags.string({
    description: 'Seeded Play package (default: the bundle id).',
    env: 'AKC_SANDBOX_PACKAGE_NAME',
  }),
  'firebase-app-id': Flags.string({
    description:
      'Seeded Firebase app id, 1:<project number>:android:<hex> (default: derived from the package).',
    env: 'AKC_SANDBOX_FIREBASE_APP_ID',
  }),
  'beta-group': Flags.string({
    description: 'Name of the seeded TestFlight group.',
    env: 'AKC_SANDBOX_BETA_GROUP',
    default: 'AKC Sandbox Testers',
  }),
  ports: Flags.string({
    description:
      'Fixed ports, e.g. asc=4010,play=4011,firebase=4012,oauth=4013,smtp=4025,smtp-control=4026 (default: free ports).',
    env: 'AKC_SANDBOX_PORTS',
  }),
  foreground: Flags.boolean({
    description: 'Run in this terminal until Ctrl-C instead of in the background (daemon log on stderr).',
    default: false,
  }),
};

/** Why a `--ports` value is unusable, or undefined when it is fine (checked before spawning, so a typo is a usage error). */
export function portsProblem(value: string | undefined): string | undefined {
  if (value === undefined || PORT_LIST.test(value)) return undefined;
  return `--ports: expected name=port[,name=port...] with names asc, play, firebase, oauth, smtp, smtp-control; got '${value}'`;
}
