import type { LaneDelivery } from '@akc/core';
import { KEYS, ledgerString, type ReleaseRecord } from './ledger-state';
import type { FirebaseLaneOptions } from './options';
import type { StepEnv } from './release-step';

/** The configured notes, or "Version X for N testers" (N = the delivery's Android recipients). */
export function releaseNotes(options: FirebaseLaneOptions, delivery: LaneDelivery): string {
  if (options.release_notes) return options.release_notes;
  const n = delivery.recipients.filter((r) => r.platforms.includes('android')).length;
  return `Version ${delivery.version} for ${n} tester${n === 1 ? '' : 's'}`;
}

/** Write the release notes once per release (`notes_set` holds the release they were written to). */
export async function ensureNotes(env: StepEnv, release: ReleaseRecord): Promise<void> {
  const { ctx, api, options } = env;
  if (ledgerString(ctx.ledger, KEYS.notesSet) === release.name) return;
  await api.patchNotes(release.name, releaseNotes(options, ctx.delivery));
  ctx.ledger.set(KEYS.notesSet, release.name);
  ctx.log('release notes set');
}
