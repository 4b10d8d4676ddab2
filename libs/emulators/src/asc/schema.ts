/** How one ASC resource type relates to others and which list parameters it accepts. */
export interface AscTypeSchema {
  /** Stored to-one relationships: name -> resource type. */
  toOne: Record<string, string>;
  /** Stored to-many relationships: name -> resource type. */
  toMany: Record<string, string>;
  /** Relationships computed from the other side: records of `type` whose `via` relationship names this record. */
  inverse: Record<string, { type: string; via: string; one?: boolean }>;
  /** Filters accepted on collections: `exact`, `caseless` (e-mails), or `fuzzy` (substring, like ASC's bundleId filter). */
  filters: Record<string, 'exact' | 'fuzzy' | 'caseless'>;
  /** Attributes accepted by `sort` (prefix `-` for descending). */
  sorts: string[];
  /** Whether `GET /v1/{type}` exists. */
  listable: boolean;
  /** Filters that `GET /v1/{type}` requires. */
  requiredFilters?: string[];
}

const none = {};

/** The resource types the ASC emulator knows, keyed by JSON:API type. */
export const ASC_SCHEMA: Record<string, AscTypeSchema> = {
  apps: {
    toOne: none,
    toMany: none,
    inverse: {
      builds: { type: 'builds', via: 'app' },
      betaGroups: { type: 'betaGroups', via: 'app' },
      appStoreVersions: { type: 'appStoreVersions', via: 'app' },
      preReleaseVersions: { type: 'preReleaseVersions', via: 'app' },
      buildUploads: { type: 'buildUploads', via: 'app' },
      reviewSubmissions: { type: 'reviewSubmissions', via: 'app' },
      betaTesters: { type: 'betaTesters', via: 'apps' },
    },
    filters: { bundleId: 'fuzzy', name: 'exact', sku: 'exact', id: 'exact' },
    sorts: ['name', 'bundleId', 'sku'],
    listable: true,
  },
  builds: {
    toOne: { app: 'apps', preReleaseVersion: 'preReleaseVersions', buildBetaDetail: 'buildBetaDetails' },
    toMany: { individualTesters: 'betaTesters' },
    inverse: {
      betaGroups: { type: 'betaGroups', via: 'builds' },
      betaAppReviewSubmission: { type: 'betaAppReviewSubmissions', via: 'build', one: true },
      betaBuildLocalizations: { type: 'betaBuildLocalizations', via: 'build' },
      appStoreVersion: { type: 'appStoreVersions', via: 'build', one: true },
    },
    filters: {
      app: 'exact',
      version: 'exact',
      'preReleaseVersion.version': 'exact',
      'preReleaseVersion.platform': 'exact',
      processingState: 'exact',
      expired: 'exact',
      betaGroups: 'exact',
      'betaAppReviewSubmission.betaReviewState': 'exact',
      id: 'exact',
    },
    sorts: ['uploadedDate', 'version'],
    listable: true,
  },
  preReleaseVersions: {
    toOne: { app: 'apps' },
    toMany: none,
    inverse: { builds: { type: 'builds', via: 'preReleaseVersion' } },
    filters: { app: 'exact', version: 'exact', platform: 'exact' },
    sorts: ['version'],
    listable: true,
  },
  buildBetaDetails: {
    toOne: { build: 'builds' },
    toMany: none,
    inverse: none,
    filters: { build: 'exact', id: 'exact' },
    sorts: [],
    listable: true,
  },
  buildUploads: {
    toOne: { app: 'apps', build: 'builds' },
    toMany: none,
    inverse: { buildUploadFiles: { type: 'buildUploadFiles', via: 'buildUpload' } },
    filters: {
      cfBundleShortVersionString: 'exact',
      cfBundleVersion: 'exact',
      platform: 'exact',
      'state.state': 'exact',
    },
    sorts: ['createdDate', 'uploadedDate'],
    listable: false,
  },
  buildUploadFiles: {
    toOne: { buildUpload: 'buildUploads' },
    toMany: none,
    inverse: none,
    filters: none,
    sorts: [],
    listable: false,
  },
  betaGroups: {
    toOne: { app: 'apps' },
    toMany: { betaTesters: 'betaTesters', builds: 'builds' },
    inverse: none,
    filters: { app: 'exact', name: 'exact', isInternalGroup: 'exact', id: 'exact' },
    sorts: ['name', 'createdDate'],
    listable: true,
  },
  betaTesters: {
    toOne: none,
    toMany: { apps: 'apps' },
    inverse: { betaGroups: { type: 'betaGroups', via: 'betaTesters' } },
    filters: {
      email: 'caseless',
      apps: 'exact',
      betaGroups: 'exact',
      firstName: 'exact',
      lastName: 'exact',
      inviteType: 'exact',
      id: 'exact',
    },
    sorts: ['email', 'firstName', 'lastName'],
    listable: true,
  },
  betaTesterInvitations: {
    toOne: { betaTester: 'betaTesters', app: 'apps' },
    toMany: none,
    inverse: none,
    filters: none,
    sorts: [],
    listable: false,
  },
  betaAppReviewSubmissions: {
    toOne: { build: 'builds' },
    toMany: none,
    inverse: none,
    filters: { build: 'exact', betaReviewState: 'exact' },
    sorts: [],
    listable: true,
    requiredFilters: ['build'],
  },
  betaBuildLocalizations: {
    toOne: { build: 'builds' },
    toMany: none,
    inverse: none,
    filters: { build: 'exact', locale: 'exact' },
    sorts: [],
    listable: true,
  },
  appStoreVersions: {
    toOne: { app: 'apps', build: 'builds' },
    toMany: none,
    inverse: {
      appStoreVersionPhasedRelease: {
        type: 'appStoreVersionPhasedReleases',
        via: 'appStoreVersion',
        one: true,
      },
    },
    filters: {
      platform: 'exact',
      versionString: 'exact',
      appVersionState: 'exact',
      appStoreState: 'exact',
      id: 'exact',
    },
    sorts: ['createdDate', 'versionString'],
    listable: false,
  },
  appStoreVersionPhasedReleases: {
    toOne: { appStoreVersion: 'appStoreVersions' },
    toMany: none,
    inverse: none,
    filters: none,
    sorts: [],
    listable: false,
  },
  reviewSubmissions: {
    toOne: { app: 'apps' },
    toMany: none,
    inverse: { items: { type: 'reviewSubmissionItems', via: 'reviewSubmission' } },
    filters: { app: 'exact', platform: 'exact', state: 'exact' },
    sorts: ['submittedDate'],
    listable: true,
    requiredFilters: ['app'],
  },
  reviewSubmissionItems: {
    toOne: { reviewSubmission: 'reviewSubmissions', appStoreVersion: 'appStoreVersions' },
    toMany: none,
    inverse: none,
    filters: none,
    sorts: [],
    listable: false,
  },
  appStoreVersionReleaseRequests: {
    toOne: { appStoreVersion: 'appStoreVersions' },
    toMany: none,
    inverse: none,
    filters: none,
    sorts: [],
    listable: false,
  },
};

/** Looks up a type's schema or returns undefined for unknown types. */
export function findSchema(type: string): AscTypeSchema | undefined {
  return Object.prototype.hasOwnProperty.call(ASC_SCHEMA, type) ? ASC_SCHEMA[type] : undefined;
}

/** The type a relationship points at, or undefined when the type has no such relationship. */
export function relationshipTarget(type: string, name: string): { type: string; many: boolean } | undefined {
  const schema = findSchema(type);
  if (!schema) return undefined;
  const one = schema.toOne[name];
  if (one) return { type: one, many: false };
  const many = schema.toMany[name];
  if (many) return { type: many, many: true };
  const inverse = schema.inverse[name];
  return inverse ? { type: inverse.type, many: !inverse.one } : undefined;
}
