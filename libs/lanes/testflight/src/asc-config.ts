import { akcError, isAkcError, loadOperatorPrereqs, probeRepo, type LaneContext } from '@akc/core';
import { createAscLaneKit } from '@akc/provider-app-store-connect';

/** The shared App Store Connect helpers, bound to ELANE errors and the `ios` operator prereqs. */
export const { fail, toLaneError, prereq, resolveKeyRef, resolveBundleId, createAscClient } =
  createAscLaneKit({
    toError: (lane, f, cause) => akcError('ELANE', { lane, ...f }, cause),
    isLaneError: isAkcError,
    iosPrereqs: (dir) => loadOperatorPrereqs(dir).prereqs['ios'],
    probeBundleId: (dir) => probeRepo(dir).ios_bundle_id,
  });

/** The configured beta group: an id (env) or a name-or-id (operator prereq). */
export type GroupRef =
  { readonly kind: 'id'; readonly value: string } | { readonly kind: 'name'; readonly value: string };

/** Beta group: env `AKC_DELIVERY_ASC_BETA_GROUP_ID` (an id), else prereq `ios.testflight_group` (name or id). */
export function resolveGroupRef(ctx: LaneContext): GroupRef {
  const id = ctx.env.AKC_DELIVERY_ASC_BETA_GROUP_ID;
  if (id) return { kind: 'id', value: id };
  const name = prereq(ctx, 'testflight_group');
  if (name) return { kind: 'name', value: name };
  throw fail(ctx.laneId)({
    reason: 'no TestFlight group configured',
    hint: 'Set AKC_DELIVERY_ASC_BETA_GROUP_ID to the group id, or `ios.testflight_group` (name) in .akc/delivery/operator_prereqs.json.',
  });
}
