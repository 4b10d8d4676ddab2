/** The resumable steps of a Play release: open (or reuse) an edit, upload once, write the track. */
import type { DispatchLedger } from '@akc/core';
import { isDuplicateVersionCode, isEditGone } from './classify';
import type { PlayApi } from './client';
import type { PlayJob } from './job';
import { KEY, type TrackUpdatedEntry } from './ledger-keys';
import { mergeReleases, toTrackRelease } from './release';
import { PlayCallError } from './retry';

/** What each step works with. */
export interface StepRuntime {
  readonly api: PlayApi;
  readonly job: PlayJob;
  readonly ledger: DispatchLedger;
  readonly log: (line: string) => void;
  readonly nowMs: () => number;
}

/** An edit this close to expiry is not reused (the rest of the release must fit before it expires). */
const EXPIRY_MARGIN_S = 10 * 60;

/** Reuse the ledger's edit while it exists and is not about to expire; else open a new one. */
export async function ensureEdit(rt: StepRuntime): Promise<string> {
  const known = rt.ledger.get<string>(KEY.editId);
  if (known) {
    try {
      const edit = await rt.api.getEdit(known);
      const expiry = Number(edit.expiryTimeSeconds ?? Number.POSITIVE_INFINITY);
      if (expiry - rt.nowMs() / 1000 > EXPIRY_MARGIN_S) {
        rt.log(`resuming edit ${known}`);
        return known;
      }
      rt.log(`edit ${known} expires soon; opening a new edit`);
    } catch (e) {
      if (!(e instanceof PlayCallError && isEditGone(e.facts))) throw e;
      rt.log(`edit ${known} is gone (${e.facts.message}); opening a new edit and uploading into it`);
    }
    forgetEdit(rt.ledger);
  }
  const edit = await rt.api.insertEdit();
  rt.ledger.set(KEY.editId, edit.id);
  rt.ledger.set(KEY.editExpiry, edit.expiryTimeSeconds ?? null);
  rt.log(`opened edit ${edit.id}`);
  return edit.id;
}

/** Drop the edit and what belongs to it (the track write); upload facts stay for duplicate detection. */
export function forgetEdit(ledger: DispatchLedger): void {
  ledger.set(KEY.editId, null);
  ledger.set(KEY.editExpiry, null);
  ledger.set(KEY.trackUpdated, null);
}

/** Upload the artifact into the edit unless this very file is already there; returns its versionCode. */
export async function ensureUpload(rt: StepRuntime, editId: string): Promise<number> {
  const { artifact } = rt.job;
  const recordedCode = rt.ledger.get<number>(KEY.uploadedVersionCode);
  const sameFile =
    rt.ledger.get<string>(KEY.uploadedSha256) === artifact.sha256 && typeof recordedCode === 'number';
  if (sameFile && rt.ledger.get<string>(KEY.uploadedEditId) === editId) {
    rt.log(
      `${artifact.kind} already uploaded into edit ${editId} (versionCode ${recordedCode}); not uploading again`,
    );
    return recordedCode;
  }
  rt.log(`uploading ${artifact.path} (${artifact.bytes} bytes, streamed)`);
  try {
    const up = await rt.api.upload(editId, artifact.path, artifact.kind);
    if (up.sha256 && up.sha256.toLowerCase() !== artifact.sha256)
      rt.log(
        `warning: Play reports sha256 ${up.sha256} for the upload, the artifact record says ${artifact.sha256}`,
      );
    if (up.versionCode !== rt.job.expectedVersionCode)
      rt.log(
        `note: Play read versionCode ${up.versionCode} from the ${artifact.kind} (packaging expected ${rt.job.expectedVersionCode})`,
      );
    return recordUpload(rt, editId, up.versionCode);
  } catch (e) {
    if (!(e instanceof PlayCallError && isDuplicateVersionCode(e.facts))) throw e;
    const inEdit = (await rt.api.listUploads(editId, artifact.kind)).find(
      (u) => u.sha256?.toLowerCase() === artifact.sha256,
    );
    if (inEdit) {
      rt.log(`the ${artifact.kind} is already in edit ${editId} (an earlier attempt landed); using it`);
      return recordUpload(rt, editId, inEdit.versionCode);
    }
    if (!sameFile) throw e;
    rt.log(
      `versionCode ${recordedCode} was uploaded from this same file earlier (ledger sha256 matches); treating it as uploaded`,
    );
    return recordUpload(rt, editId, recordedCode);
  }
}

function recordUpload(rt: StepRuntime, editId: string, versionCode: number): number {
  rt.ledger.set(KEY.uploadedVersionCode, versionCode);
  rt.ledger.set(KEY.uploadedSha256, rt.job.artifact.sha256);
  rt.ledger.set(KEY.uploadedEditId, editId);
  return versionCode;
}

/** Put our release on the track (keeping the releases that must stay), once per edit. */
export async function ensureTrack(rt: StepRuntime, editId: string, versionCode: number): Promise<void> {
  const track = rt.job.options.track;
  const done = rt.ledger.get<TrackUpdatedEntry | null>(KEY.trackUpdated);
  if (done && done.edit_id === editId && done.track === track) {
    rt.log(`track ${track} already updated in edit ${editId}`);
    return;
  }
  const existing = await rt.api.getTrack(editId, track).catch((e: unknown) => {
    if (e instanceof PlayCallError && e.facts.reason === 'trackEmpty') return [];
    throw e;
  });
  const ours = toTrackRelease(rt.job.intended, versionCode);
  await rt.api.updateTrack(editId, track, mergeReleases(existing, ours));
  const entry: TrackUpdatedEntry = { edit_id: editId, track, release: { ...ours } };
  rt.ledger.set(KEY.trackUpdated, entry);
  const fraction = ours.userFraction !== undefined ? ` at userFraction ${ours.userFraction}` : '';
  rt.log(`track ${track}: release versionCode ${versionCode} status ${ours.status}${fraction}`);
}
