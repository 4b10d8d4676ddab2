/** The exact calls a dry run would make (no network, no SDK). */
import type { PlannedCall } from '@akc/core';
import type { PlayJob } from './job';
import { toTrackRelease } from './release';

/** One planned call per Play request a real dispatch makes, in order. */
export function plannedCalls(job: PlayJob): PlannedCall[] {
  const app = `${job.rootUrl}androidpublisher/v3/applications/${job.packageName}`;
  const edit = `${app}/edits/{editId}`;
  const { artifact, options } = job;
  const segment = artifact.kind === 'aab' ? 'bundles' : 'apks';
  const release = toTrackRelease(job.intended, job.expectedVersionCode);
  const flag = options.changes_not_sent_for_review ? '?changesNotSentForReview=true' : '';
  return [
    {
      method: 'POST',
      endpoint: `${app}/edits`,
      purpose: 'edits.insert: open an edit (nothing is visible until commit)',
    },
    {
      method: 'POST',
      endpoint: `${job.rootUrl}upload/androidpublisher/v3/applications/${job.packageName}/edits/{editId}/${segment}?uploadType=media`,
      purpose: `edits.${segment}.upload: ${artifact.path} (${artifact.bytes} bytes, sha256 ${artifact.sha256}), streamed from disk as application/octet-stream`,
    },
    {
      method: 'GET',
      endpoint: `${edit}/tracks/${options.track}`,
      purpose: 'edits.tracks.get: read the track to keep the releases that stay live',
    },
    {
      method: 'PUT',
      endpoint: `${edit}/tracks/${options.track}`,
      purpose: `edits.tracks.update: release ${JSON.stringify({ versionCodes: release.versionCodes, status: release.status, userFraction: release.userFraction })}`,
    },
    {
      method: 'POST',
      endpoint: `${edit}:validate`,
      purpose: 'edits.validate: check the edit without side effects',
    },
    {
      method: 'POST',
      endpoint: `${edit}:commit${flag}`,
      purpose:
        'edits.commit: publish the edit (retried once with changesNotSentForReview flipped if Google asks)',
    },
  ];
}
