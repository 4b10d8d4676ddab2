// Mirrors the file of the same name in @akc/lane-testflight (lane packages share no internals); keep the two in step.
import { akcError, type DispatchContext, type DispatchLedger, type PollContext } from '@akc/core';
import type { AppStoreConnectClient } from '@akc/provider-app-store-connect';

/** The numbers the artifact carries (CFBundleShortVersionString, CFBundleVersion). */
export interface IosNumbers {
  readonly version: string;
  readonly buildNumber: string;
  /** `1.2.0 (42)` for messages. */
  readonly label: string;
}

/** Marketing version and build number from the artifact, else from the delivery's versions. */
export function iosNumbers(ctx: DispatchContext | PollContext): IosNumbers {
  const v = ctx.artifact.versions;
  const version = String(v['ios_marketing_version'] ?? ctx.versions.ios_marketing_version);
  const buildNumber = String(v['ios_build_number'] ?? ctx.versions.ios_build_number);
  return { version, buildNumber, label: `${version} (${buildNumber})` };
}

/** The .ipa among the artifact's files, if any. */
export function ipaPath(ctx: DispatchContext): string | undefined {
  return ctx.artifact.files.find((f) => f.kind === 'ipa')?.path;
}

/** Finds the app by exact bundle id once (`app_id`); apps cannot be created through the API. */
export async function ensureApp(
  asc: AppStoreConnectClient,
  ledger: DispatchLedger,
  bundleId: string,
  lane: string,
): Promise<string> {
  const known = ledger.get<string>('app_id');
  if (known) return known;
  const app = await asc.apps.findByBundleId(bundleId);
  if (!app) {
    throw akcError('ELANE', {
      lane,
      reason: `no App Store Connect app has the bundle id ${bundleId}`,
      hint: 'Create the app in App Store Connect (My Apps > +); the API cannot create apps. Check that the API key belongs to the same team.',
    });
  }
  ledger.set('app_id', app.id);
  return app.id;
}

/** The ledger entries named by `keys` that are set, for `external_refs`. */
export function refsFromLedger(ledger: DispatchLedger, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = ledger.get(k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}
