import type { AscHttpClient } from '../http-client';
import type {
  AppStoreVersion,
  AppStoreVersionPhasedRelease,
  Platform,
  PhasedReleaseState,
  ReleaseType,
  ReviewSubmission,
  ReviewSubmissionItem,
} from '../types';
import { created } from './testflight';

/** Attributes accepted when creating an App Store version. */
export interface CreateVersionInput {
  appId: string;
  versionString: string;
  /** @default 'IOS' */
  platform?: Platform;
  releaseType?: ReleaseType;
  /** ISO date; only with releaseType SCHEDULED. */
  earliestReleaseDate?: string;
  copyright?: string;
  buildId?: string;
}

/** App Store: versions, build attachment, review submissions, phased release and manual release. */
export class AppStoreResource {
  constructor(private readonly http: AscHttpClient) {}

  /** Lists an app's versions, optionally filtered by platform, version string and states. */
  async listVersions(
    appId: string,
    filter: { platform?: Platform; versionString?: string; states?: readonly string[] } = {},
  ): Promise<AppStoreVersion[]> {
    const query = {
      filter: {
        platform: filter.platform,
        versionString: filter.versionString,
        appVersionState: filter.states,
      },
      limit: 200,
    };
    return (await this.http.getAll<AppStoreVersion>(`/v1/apps/${appId}/appStoreVersions`, query)).data;
  }

  /** Creates a version (409 when another one is in flight or the version string was used). */
  async createVersion(input: CreateVersionInput): Promise<AppStoreVersion> {
    const { appId, buildId, platform, ...rest } = input;
    const relationships: Record<string, { data: { type: string; id: string } }> = {
      app: { data: { type: 'apps', id: appId } },
    };
    if (buildId) relationships['build'] = { data: { type: 'builds', id: buildId } };
    const doc = await this.http.post<AppStoreVersion>('/v1/appStoreVersions', {
      data: { type: 'appStoreVersions', attributes: { platform: platform ?? 'IOS', ...rest }, relationships },
    });
    return created(doc);
  }

  /** Attaches a VALID build to an editable version (204). */
  async attachBuild(versionId: string, buildId: string): Promise<void> {
    await this.http.patch(`/v1/appStoreVersions/${versionId}/relationships/build`, {
      data: { type: 'builds', id: buildId },
    });
  }

  /** Finds the app's review submission that is still open for items (READY_FOR_REVIEW), if any. */
  async findOpenReviewSubmission(
    appId: string,
    platform: Platform = 'IOS',
  ): Promise<ReviewSubmission | undefined> {
    const page = await this.http.getCollection<ReviewSubmission>('/v1/reviewSubmissions', {
      filter: { app: appId, platform, state: 'READY_FOR_REVIEW' },
    });
    return page.data[0];
  }

  /** Opens a review submission (state READY_FOR_REVIEW). */
  async createReviewSubmission(appId: string, platform: Platform = 'IOS'): Promise<ReviewSubmission> {
    const doc = await this.http.post<ReviewSubmission>('/v1/reviewSubmissions', {
      data: {
        type: 'reviewSubmissions',
        attributes: { platform },
        relationships: { app: { data: { type: 'apps', id: appId } } },
      },
    });
    return created(doc);
  }

  /** Adds a version to a submission; a 409 lists every blocker in `errors[0].meta.associatedErrors`. */
  async addReviewItem(submissionId: string, versionId: string): Promise<ReviewSubmissionItem> {
    const doc = await this.http.post<ReviewSubmissionItem>('/v1/reviewSubmissionItems', {
      data: {
        type: 'reviewSubmissionItems',
        relationships: {
          reviewSubmission: { data: { type: 'reviewSubmissions', id: submissionId } },
          appStoreVersion: { data: { type: 'appStoreVersions', id: versionId } },
        },
      },
    });
    return created(doc);
  }

  /** Submits for review; judge success by the version state becoming WAITING_FOR_REVIEW. */
  async submitReview(submissionId: string): Promise<ReviewSubmission> {
    return this.#patchSubmission(submissionId, { submitted: true });
  }

  /** Cancels a submission (state CANCELING, then COMPLETE). */
  async cancelReview(submissionId: string): Promise<ReviewSubmission> {
    return this.#patchSubmission(submissionId, { canceled: true });
  }

  /** Reads one version. */
  async getVersion(versionId: string): Promise<AppStoreVersion> {
    return (await this.http.get<AppStoreVersion>(`/v1/appStoreVersions/${versionId}`)).data;
  }

  /** Creates an INACTIVE phased release for a version; it starts when the version goes live. */
  async createPhasedRelease(versionId: string): Promise<AppStoreVersionPhasedRelease> {
    const doc = await this.http.post<AppStoreVersionPhasedRelease>('/v1/appStoreVersionPhasedReleases', {
      data: {
        type: 'appStoreVersionPhasedReleases',
        attributes: { phasedReleaseState: 'INACTIVE' },
        relationships: { appStoreVersion: { data: { type: 'appStoreVersions', id: versionId } } },
      },
    });
    return created(doc);
  }

  /** Pauses, resumes or completes a phased release (409 when it already has that state). */
  async updatePhasedRelease(
    phasedReleaseId: string,
    state: PhasedReleaseState,
  ): Promise<AppStoreVersionPhasedRelease> {
    const doc = await this.http.patch<AppStoreVersionPhasedRelease>(
      `/v1/appStoreVersionPhasedReleases/${phasedReleaseId}`,
      {
        data: {
          type: 'appStoreVersionPhasedReleases',
          id: phasedReleaseId,
          attributes: { phasedReleaseState: state },
        },
      },
    );
    return created(doc);
  }

  /** Reads a version's phased release, if it has one. */
  async getPhasedRelease(versionId: string): Promise<AppStoreVersionPhasedRelease | undefined> {
    const doc = await this.http.request(
      'GET',
      `/v1/appStoreVersions/${versionId}/appStoreVersionPhasedRelease`,
    );
    const data = (doc as { data: AppStoreVersionPhasedRelease | null } | undefined)?.data;
    return data ?? undefined;
  }

  /** Releases a version that is PENDING_DEVELOPER_RELEASE. */
  async requestRelease(versionId: string): Promise<void> {
    await this.http.post('/v1/appStoreVersionReleaseRequests', {
      data: {
        type: 'appStoreVersionReleaseRequests',
        relationships: { appStoreVersion: { data: { type: 'appStoreVersions', id: versionId } } },
      },
    });
  }

  async #patchSubmission(id: string, attributes: Record<string, boolean>): Promise<ReviewSubmission> {
    return created(
      await this.http.patch<ReviewSubmission>(`/v1/reviewSubmissions/${id}`, {
        data: { type: 'reviewSubmissions', id, attributes },
      }),
    );
  }
}
