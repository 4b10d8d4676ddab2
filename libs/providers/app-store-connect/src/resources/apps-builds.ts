import { AscWaitError } from '../errors';
import type { AscHttpClient } from '../http-client';
import type { App, Build, BuildBetaDetail, BuildProcessingState, Platform, SingleDocument } from '../types';
import { pollUntil, type PollOptions } from './poll';

/** Apps: lookup by bundle id. */
export class AppsResource {
  constructor(private readonly http: AscHttpClient) {}

  /**
   * Finds the app whose bundle id is exactly `bundleId`. ASC's `filter[bundleId]` also matches
   * longer ids (`com.x.app.dev`), so the exact match is picked client-side.
   */
  async findByBundleId(bundleId: string): Promise<App | undefined> {
    const { data } = await this.http.getAll<App>('/v1/apps', { filter: { bundleId }, limit: 200 });
    return data.find((app) => app.attributes.bundleId === bundleId);
  }

  /** Reads one app by its Apple id. */
  async get(appId: string): Promise<App> {
    return (await this.http.get<App>(`/v1/apps/${appId}`)).data;
  }
}

/** Filters for {@link BuildsResource.list}. */
export interface BuildFilter {
  appId?: string;
  /** Build number (CFBundleVersion). */
  buildNumber?: string;
  /** Marketing version (CFBundleShortVersionString). */
  version?: string;
  platform?: Platform;
  processingState?: BuildProcessingState | readonly BuildProcessingState[];
  include?: readonly string[];
  /** @default 200 */
  limit?: number;
}

/** Builds: list, read, export compliance and waiting for processing. */
export class BuildsResource {
  constructor(private readonly http: AscHttpClient) {}

  /** Lists builds (newest upload first), following every page. */
  async list(filter: BuildFilter = {}): Promise<{ data: Build[]; included: SingleDocument['included'] }> {
    return this.http.getAll<Build>('/v1/builds', {
      filter: {
        app: filter.appId,
        version: filter.buildNumber,
        'preReleaseVersion.version': filter.version,
        'preReleaseVersion.platform': filter.platform,
        processingState: filter.processingState,
      },
      include: filter.include,
      sort: '-uploadedDate',
      limit: filter.limit ?? 200,
    });
  }

  /** Reads one build, optionally with included relationships. */
  async get(buildId: string, include?: readonly string[]): Promise<SingleDocument<Build>> {
    return this.http.get<Build>(`/v1/builds/${buildId}`, { include });
  }

  /** Reads the build's beta detail (internal/external TestFlight states). */
  async getBetaDetail(buildId: string): Promise<BuildBetaDetail> {
    return (await this.http.get<BuildBetaDetail>(`/v1/builds/${buildId}/buildBetaDetail`)).data;
  }

  /** Answers the export-compliance question; ASC allows this only once per build (409 afterwards). */
  async setUsesNonExemptEncryption(buildId: string, value: boolean): Promise<Build> {
    const doc = await this.http.patch<Build>(`/v1/builds/${buildId}`, {
      data: { type: 'builds', id: buildId, attributes: { usesNonExemptEncryption: value } },
    });
    return doc ? doc.data : (await this.get(buildId)).data;
  }

  /** Polls until the build leaves PROCESSING; resolves on VALID, throws {@link AscWaitError} on FAILED/INVALID or timeout. */
  async waitForProcessing(buildId: string, options: PollOptions = {}): Promise<Build> {
    let last: Build | undefined;
    const done = await pollUntil(async () => {
      last = (await this.get(buildId)).data;
      return last.attributes.processingState === 'PROCESSING' ? undefined : last;
    }, options);
    if (!done) throw new AscWaitError('timeout', `build ${buildId}`, last?.attributes.processingState);
    if (done.attributes.processingState !== 'VALID')
      throw new AscWaitError('failed', `build ${buildId}`, done.attributes.processingState);
    return done;
  }
}
