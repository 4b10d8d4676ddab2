/** JSON:API resource identifier. */
export interface ResourceIdentifier<T extends string = string> {
  type: T;
  id: string;
}

/** A relationship object; `data` is present only when the relationship was included. */
export interface Relationship {
  data?: ResourceIdentifier | ResourceIdentifier[] | null;
  links?: { self?: string; related?: string };
  meta?: { paging?: PagingInformation['paging'] };
}

/** A JSON:API resource object. */
export interface Resource<T extends string = string, A extends object = Record<string, unknown>> {
  type: T;
  id: string;
  attributes: A;
  relationships?: Record<string, Relationship>;
  links?: { self: string };
}

/** Paging information of a collection document. */
export interface PagingInformation {
  paging: { total?: number; limit: number };
}

/** Any resource, whatever its attribute interface. */
export type AnyResource = Resource<string, object>;

/** A single-resource document. */
export interface SingleDocument<R extends AnyResource = Resource> {
  data: R;
  included?: Resource[];
  links?: { self: string };
}

/** A collection document; `links.next` is an absolute URL to follow verbatim. */
export interface CollectionDocument<R extends AnyResource = Resource> {
  data: R[];
  included?: Resource[];
  links: { self: string; first?: string; next?: string };
  meta?: PagingInformation;
}

/** One entry of an ASC `errors[]` array. */
export interface AscErrorObject {
  id?: string;
  status: string;
  code: string;
  title: string;
  detail?: string;
  source?: { pointer?: string; parameter?: string };
  meta?: Record<string, unknown>;
}

/** Platforms accepted by builds, versions and review submissions. */
export type Platform = 'IOS' | 'MAC_OS' | 'TV_OS' | 'VISION_OS';
/** Build processing states. */
export type BuildProcessingState = 'PROCESSING' | 'FAILED' | 'INVALID' | 'VALID';

export interface AppAttributes {
  name: string;
  bundleId: string;
  sku: string;
  primaryLocale: string;
}
export interface BuildAttributes {
  version: string;
  uploadedDate: string;
  expirationDate: string;
  expired: boolean;
  minOsVersion: string;
  processingState: BuildProcessingState;
  buildAudienceType: string;
  usesNonExemptEncryption: boolean | null;
}
export interface PreReleaseVersionAttributes {
  version: string;
  platform: Platform;
}
export interface BuildBetaDetailAttributes {
  autoNotifyEnabled: boolean;
  internalBuildState: string;
  externalBuildState: string;
}
/** One detail of a build upload's state. */
export interface StateDetail {
  code: string;
  description: string;
}
export interface BuildUploadAttributes {
  cfBundleShortVersionString: string;
  cfBundleVersion: string;
  platform: Platform;
  createdDate: string;
  uploadedDate: string | null;
  state: {
    state: 'AWAITING_UPLOAD' | 'PROCESSING' | 'FAILED' | 'COMPLETE';
    errors: StateDetail[];
    warnings: StateDetail[];
    infos: StateDetail[];
  };
}
/** Where and how to send one part of a file. */
export interface UploadOperation {
  method: string;
  url: string;
  offset: number;
  length: number;
  requestHeaders: { name: string; value: string }[];
  expiration?: string;
  partNumber?: number;
}
export interface BuildUploadFileAttributes {
  fileName: string;
  fileSize: number;
  uti: string;
  assetType: 'ASSET' | 'ASSET_DESCRIPTION' | 'ASSET_SPI';
  assetDeliveryState: {
    state: 'AWAITING_UPLOAD' | 'UPLOAD_COMPLETE' | 'COMPLETE' | 'FAILED';
    errors: StateDetail[];
    warnings: StateDetail[];
  };
  uploadOperations: UploadOperation[];
}
export interface BetaGroupAttributes {
  name: string;
  isInternalGroup: boolean;
  hasAccessToAllBuilds: boolean;
  publicLinkEnabled: boolean;
  publicLink: string | null;
  feedbackEnabled: boolean;
  createdDate: string;
}
export interface BetaTesterAttributes {
  email: string;
  firstName: string | null;
  lastName: string | null;
  inviteType: 'EMAIL' | 'PUBLIC_LINK';
  state: 'NOT_INVITED' | 'INVITED' | 'ACCEPTED' | 'INSTALLED' | 'REVOKED';
}
export interface BetaAppReviewSubmissionAttributes {
  betaReviewState: 'WAITING_FOR_REVIEW' | 'IN_REVIEW' | 'REJECTED' | 'APPROVED';
  submittedDate: string | null;
}
/** App Store release types. */
export type ReleaseType = 'MANUAL' | 'AFTER_APPROVAL' | 'SCHEDULED';
export interface AppStoreVersionAttributes {
  platform: Platform;
  versionString: string;
  appVersionState: string;
  appStoreState: string;
  releaseType: ReleaseType;
  earliestReleaseDate: string | null;
  copyright: string | null;
  downloadable: boolean;
  createdDate: string;
}
/** Phased release states. */
export type PhasedReleaseState = 'INACTIVE' | 'ACTIVE' | 'PAUSED' | 'COMPLETE';
export interface PhasedReleaseAttributes {
  phasedReleaseState: PhasedReleaseState;
  startDate: string | null;
  totalPauseDuration: number;
  currentDayNumber: number | null;
}
export interface ReviewSubmissionAttributes {
  platform: Platform;
  state:
    | 'READY_FOR_REVIEW'
    | 'WAITING_FOR_REVIEW'
    | 'IN_REVIEW'
    | 'UNRESOLVED_ISSUES'
    | 'CANCELING'
    | 'COMPLETING'
    | 'COMPLETE';
  submittedDate: string | null;
}
export interface ReviewSubmissionItemAttributes {
  state: string;
}

export type App = Resource<'apps', AppAttributes>;
export type Build = Resource<'builds', BuildAttributes>;
export type PreReleaseVersion = Resource<'preReleaseVersions', PreReleaseVersionAttributes>;
export type BuildBetaDetail = Resource<'buildBetaDetails', BuildBetaDetailAttributes>;
export type BuildUpload = Resource<'buildUploads', BuildUploadAttributes>;
export type BuildUploadFile = Resource<'buildUploadFiles', BuildUploadFileAttributes>;
export type BetaGroup = Resource<'betaGroups', BetaGroupAttributes>;
export type BetaTester = Resource<'betaTesters', BetaTesterAttributes>;
export type BetaTesterInvitation = Resource<'betaTesterInvitations', Record<string, never>>;
export type BetaAppReviewSubmission = Resource<'betaAppReviewSubmissions', BetaAppReviewSubmissionAttributes>;
export type AppStoreVersion = Resource<'appStoreVersions', AppStoreVersionAttributes>;
export type AppStoreVersionPhasedRelease = Resource<'appStoreVersionPhasedReleases', PhasedReleaseAttributes>;
export type ReviewSubmission = Resource<'reviewSubmissions', ReviewSubmissionAttributes>;
export type ReviewSubmissionItem = Resource<'reviewSubmissionItems', ReviewSubmissionItemAttributes>;
