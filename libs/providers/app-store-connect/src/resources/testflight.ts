import { AscApiError } from '../errors';
import type { AscHttpClient } from '../http-client';
import type {
  AnyResource,
  BetaAppReviewSubmission,
  BetaGroup,
  BetaTester,
  BetaTesterInvitation,
  SingleDocument,
} from '../types';

/** Attributes accepted when creating a beta group. */
export interface CreateBetaGroupInput {
  appId: string;
  name: string;
  isInternalGroup?: boolean;
  /** Internal groups only. */
  hasAccessToAllBuilds?: boolean;
  publicLinkEnabled?: boolean;
  feedbackEnabled?: boolean;
}

/** Attributes accepted when creating a beta tester. */
export interface CreateBetaTesterInput {
  email: string;
  firstName?: string;
  lastName?: string;
  /** Groups to put the tester in (at least one group or build is required by ASC). */
  betaGroupIds?: readonly string[];
  buildIds?: readonly string[];
}

/** TestFlight: groups, testers, invitations, build assignment and beta app review. */
export class TestFlightResource {
  constructor(private readonly http: AscHttpClient) {}

  /** Lists an app's beta groups, optionally only those named `name`. */
  async listBetaGroups(appId: string, name?: string): Promise<BetaGroup[]> {
    return (await this.http.getAll<BetaGroup>('/v1/betaGroups', { filter: { app: appId, name }, limit: 200 }))
      .data;
  }

  /** Creates a beta group (409 `ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE` when the name is taken). */
  async createBetaGroup(input: CreateBetaGroupInput): Promise<BetaGroup> {
    const { appId, ...attributes } = input;
    const doc = await this.http.post<BetaGroup>('/v1/betaGroups', {
      data: { type: 'betaGroups', attributes, relationships: { app: { data: { type: 'apps', id: appId } } } },
    });
    return created(doc);
  }

  /** Finds a tester by e-mail (optionally limited to an app's testers). */
  async findBetaTesterByEmail(email: string, appId?: string): Promise<BetaTester | undefined> {
    const { data } = await this.http.getAll<BetaTester>('/v1/betaTesters', {
      filter: { email, apps: appId },
      limit: 200,
    });
    return data.find((t) => t.attributes.email.toLowerCase() === email.toLowerCase());
  }

  /** Creates a tester and puts them in groups/builds in one call; ASC sends the invitation. */
  async createBetaTester(input: CreateBetaTesterInput): Promise<BetaTester> {
    const relationships: Record<string, { data: { type: string; id: string }[] }> = {};
    if (input.betaGroupIds?.length)
      relationships['betaGroups'] = { data: input.betaGroupIds.map((id) => ({ type: 'betaGroups', id })) };
    if (input.buildIds?.length)
      relationships['builds'] = { data: input.buildIds.map((id) => ({ type: 'builds', id })) };
    const attributes = { email: input.email, firstName: input.firstName, lastName: input.lastName };
    return created(
      await this.http.post<BetaTester>('/v1/betaTesters', {
        data: { type: 'betaTesters', attributes, relationships },
      }),
    );
  }

  /** Adds existing testers to a group (204). ASC answers 409 when one is already a member. */
  async addTestersToGroup(groupId: string, testerIds: readonly string[]): Promise<void> {
    await this.http.post(`/v1/betaGroups/${groupId}/relationships/betaTesters`, {
      data: testerIds.map((id) => ({ type: 'betaTesters', id })),
    });
  }

  /** Removes testers from a group. */
  async removeTestersFromGroup(groupId: string, testerIds: readonly string[]): Promise<void> {
    await this.http.delete(`/v1/betaGroups/${groupId}/relationships/betaTesters`, {
      data: testerIds.map((id) => ({ type: 'betaTesters', id })),
    });
  }

  /** (Re)sends the TestFlight invitation e-mail for an app. */
  async inviteBetaTester(appId: string, testerId: string): Promise<BetaTesterInvitation> {
    const doc = await this.http.post<BetaTesterInvitation>('/v1/betaTesterInvitations', {
      data: {
        type: 'betaTesterInvitations',
        relationships: {
          betaTester: { data: { type: 'betaTesters', id: testerId } },
          app: { data: { type: 'apps', id: appId } },
        },
      },
    });
    return created(doc);
  }

  /** Makes a VALID build available to groups (204). */
  async addBuildToGroups(buildId: string, groupIds: readonly string[]): Promise<void> {
    await this.http.post(`/v1/builds/${buildId}/relationships/betaGroups`, {
      data: groupIds.map((id) => ({ type: 'betaGroups', id })),
    });
  }

  /** Submits a VALID build for beta app review (needed before external testers get it). */
  async submitForBetaReview(buildId: string): Promise<BetaAppReviewSubmission> {
    const doc = await this.http.post<BetaAppReviewSubmission>('/v1/betaAppReviewSubmissions', {
      data: {
        type: 'betaAppReviewSubmissions',
        relationships: { build: { data: { type: 'builds', id: buildId } } },
      },
    });
    return created(doc);
  }

  /** Reads the beta app review submission of a build, if any. */
  async getBetaReviewSubmission(buildId: string): Promise<BetaAppReviewSubmission | undefined> {
    const page = await this.http.getCollection<BetaAppReviewSubmission>('/v1/betaAppReviewSubmissions', {
      filter: { build: buildId },
    });
    return page.data[0];
  }
}

/** Unwraps a 201 document; an empty answer is a protocol error. */
export function created<R extends AnyResource>(doc: SingleDocument<R> | undefined): R {
  if (!doc)
    throw new AscApiError({
      status: 204,
      code: 'EMPTY_RESPONSE',
      title: 'Expected a created resource but the response was empty',
    });
  return doc.data;
}
