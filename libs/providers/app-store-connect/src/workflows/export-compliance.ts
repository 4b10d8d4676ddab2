import type { AppStoreConnectClient } from '../client';
import type { WorkflowState } from './failure';

/**
 * Answers the export-compliance question once, only when the operator gave the answer
 * (`uses_non_exempt_encryption`); never guessed. Without it a build whose answer is unset shows
 * "Missing Compliance" in TestFlight, which is logged and returned as `missing`.
 */
export async function ensureExportCompliance(
  asc: AppStoreConnectClient,
  store: WorkflowState,
  buildId: string,
  answer: boolean | undefined,
  log: (line: string) => void,
): Promise<'set' | 'already_set' | 'missing'> {
  const known = store.get<'set' | 'already_set'>('export_compliance');
  if (known) return known;
  const build = (await asc.builds.get(buildId)).data;
  if (build.attributes.usesNonExemptEncryption !== null) {
    store.set('export_compliance', 'already_set');
    return 'already_set';
  }
  if (answer === undefined) {
    log(
      'the build has no export-compliance answer ("Missing Compliance"): testers cannot install it until you answer in App Store Connect or set option uses_non_exempt_encryption',
    );
    return 'missing';
  }
  await asc.builds.setUsesNonExemptEncryption(buildId, answer);
  store.set('export_compliance', 'set');
  return 'set';
}
