/**
 * Request ingest and preflight for `akc deliver`: everything that turns flags, a recipients
 * file, the repo and the operator's prerequisites into a parsed request, the human inputs still
 * missing, and the distribution preflight verdict. Pure functions over injected env and paths.
 */
export * from './recipients';
export * from './recipients-file';
export * from './platforms';
export * from './request-text';
export * from './project-config';
export * from './operator-prereqs';
export * from './repo-walk';
export * from './repo-probes';
export * from './credentials';
export * from './web-invite-base';
export {
  resolveDeliveryFacts,
  type DeliveryFacts,
  type FactSources,
  type HumanInputSpec,
  type Requirement,
} from './requirement';
export { IOS_REQUIREMENTS } from './requirements-ios';
export { ANDROID_REQUIREMENTS } from './requirements-android';
export { WEB_REQUIREMENTS } from './requirements-web';
export * from './human-inputs';
export * from './adapter-preflight';
export * from './preflight-summary';
