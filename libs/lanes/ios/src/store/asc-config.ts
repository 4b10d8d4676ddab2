import { akcError, isAkcError, loadOperatorPrereqs, probeRepo } from '@akc/core';
import { createAscLaneKit } from '@akc/provider-app-store-connect';

/** The shared App Store Connect helpers, bound to ELANE errors and the `ios` operator prereqs. */
export const { fail, toLaneError, resolveKeyRef, resolveBundleId, createAscClient } = createAscLaneKit({
  toError: (lane, f, cause) => akcError('ELANE', { lane, ...f }, cause),
  isLaneError: isAkcError,
  iosPrereqs: (dir) => loadOperatorPrereqs(dir).prereqs['ios'],
  probeBundleId: (dir) => probeRepo(dir).ios_bundle_id,
});
