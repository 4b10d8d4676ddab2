import { akcError, type DispatchLedger } from '@akc/core';
import { isAscError, type AppStoreConnectClient, type BetaGroup } from '@akc/provider-app-store-connect';
import type { GroupRef } from './asc-config';

/** The group a wave invites into. */
export interface GroupInfo {
  readonly id: string;
  readonly external: boolean;
}

async function byId(asc: AppStoreConnectClient, id: string): Promise<BetaGroup | undefined> {
  try {
    return (await asc.http.get<BetaGroup>(`/v1/betaGroups/${id}`)).data;
  } catch (e) {
    if (isAscError(e) && e.status === 404) return undefined;
    throw e;
  }
}

async function lookup(
  asc: AppStoreConnectClient,
  appId: string,
  ref: GroupRef,
  create: boolean,
): Promise<BetaGroup | undefined> {
  if (ref.kind === 'id') return byId(asc, ref.value);
  const named = (await asc.testflight.listBetaGroups(appId, ref.value)).find(
    (g) => g.attributes.name === ref.value,
  );
  if (named) return named;
  const asId = await byId(asc, ref.value);
  if (asId) return asId;
  if (!create) return undefined;
  return asc.testflight.createBetaGroup({ appId, name: ref.value, isInternalGroup: false });
}

/** Resolves (or, with `create_group`, creates) the beta group once; recorded as `group_id`/`group_external`. */
export async function ensureGroup(
  asc: AppStoreConnectClient,
  ledger: DispatchLedger,
  appId: string,
  ref: GroupRef,
  create: boolean,
  lane: string,
): Promise<GroupInfo> {
  const id = ledger.get<string>('group_id');
  if (id) return { id, external: ledger.get<boolean>('group_external') === true };
  const group = await lookup(asc, appId, ref, create);
  if (!group) {
    throw akcError('ELANE', {
      lane,
      reason: `TestFlight group ${JSON.stringify(ref.value)} does not exist for this app`,
      hint: 'Create the group in App Store Connect (TestFlight), fix the configured name/id, or set option create_group: true.',
    });
  }
  ledger.set('group_id', group.id);
  ledger.set('group_external', !group.attributes.isInternalGroup);
  return { id: group.id, external: !group.attributes.isInternalGroup };
}

/** Makes the build available to the group once (`build_in_group`). Internal all-builds groups see it already. */
export async function ensureBuildInGroup(
  asc: AppStoreConnectClient,
  ledger: DispatchLedger,
  buildId: string,
  group: GroupInfo,
): Promise<void> {
  if (ledger.get('build_in_group') === true) return;
  await asc.testflight.addBuildToGroups(buildId, [group.id]);
  ledger.set('build_in_group', true);
}

/** External groups: submits the build for beta app review once (`beta_review_submission_id`); an existing submission is adopted. */
export async function ensureBetaReview(
  asc: AppStoreConnectClient,
  ledger: DispatchLedger,
  buildId: string,
  group: GroupInfo,
): Promise<string | undefined> {
  if (!group.external) return undefined;
  const known = ledger.get<string>('beta_review_submission_id');
  if (known) return known;
  let id: string;
  try {
    id = (await asc.testflight.submitForBetaReview(buildId)).id;
  } catch (e) {
    const existing =
      isAscError(e) && e.status === 409 ? await asc.testflight.getBetaReviewSubmission(buildId) : undefined;
    if (!existing) throw e;
    id = existing.id;
  }
  ledger.set('beta_review_submission_id', id);
  return id;
}
