/** The keys this lane keeps in its job ledger (provider_state.json), and their shapes. */

/** Ledger key names. */
export const KEY = {
  packageName: 'package_name',
  editId: 'edit_id',
  editExpiry: 'edit_expiry_unix_s',
  uploadedEditId: 'uploaded_edit_id',
  uploadedVersionCode: 'uploaded_version_code',
  uploadedSha256: 'uploaded_sha256',
  trackUpdated: 'track_updated',
  committed: 'committed',
  lastError: 'last_error',
} as const;

/** `track_updated`: the edit the track was written in, and the release written. */
export interface TrackUpdatedEntry {
  readonly edit_id: string;
  readonly track: string;
  readonly release: Readonly<Record<string, unknown>>;
}
