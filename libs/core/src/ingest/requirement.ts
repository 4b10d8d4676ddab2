/**
 * The shared model behind human inputs and adapter preflight. Each {@link Requirement} is one
 * local fact a (platform, lane) job needs; preflight reports the unmet ones as issues and
 * `collectHumanInputs` asks a person for the ones a person can supply. Deriving both from one
 * table is what keeps them consistent (spec §16 item 25).
 */
import type { Lane, Platform } from '../schemas/common';
import { firstEnv, type Env } from '../util/env';
import {
  checkAppStoreConnectKey,
  checkGoogleServiceAccount,
  hasInviteEmailTransport,
  NODE_FILES,
  type CheckResult,
  type FileAccess,
} from './credentials';
import { prereqFlag, type OperatorPrereqs } from './operator-prereqs';
import type { RepoProbes } from './repo-probes';
import { resolveWebInviteBase, type WebInviteBase } from './web-invite-base';

/** Inputs every requirement is evaluated against. */
export interface FactSources {
  prereqs: OperatorPrereqs;
  probes: RepoProbes;
  env: Env;
  /** Real fs by default. */
  files?: FileAccess;
  /** Resolves relative credential paths from env; when unset they are used as given. */
  cwd?: string;
  /** Spec metadata (compile handoff hints), e.g. `web_invite_base_url`. */
  metadata?: Readonly<Record<string, unknown>>;
}

/** Facts resolved once per call: the credential files are read at most once. */
export interface DeliveryFacts extends FactSources {
  ascKey: CheckResult;
  googleServiceAccount: CheckResult;
  webInviteBase: WebInviteBase;
  emailTransport: boolean;
}

/** Resolve the expensive facts (file reads) once. */
export function resolveDeliveryFacts(src: FactSources): DeliveryFacts {
  const files = src.files ?? NODE_FILES;
  return {
    ...src,
    ascKey: checkAppStoreConnectKey(src.env, files, src.cwd),
    googleServiceAccount: checkGoogleServiceAccount(src.env, files, src.cwd),
    webInviteBase: resolveWebInviteBase(src.env, src.prereqs, src.metadata),
    emailTransport: hasInviteEmailTransport(src.env, prereqFlag(src.prereqs, 'web.invite_email_configured')),
  };
}

/** How a person is asked for a missing requirement (spec §4.6 row fields). */
export interface HumanInputSpec {
  id: string;
  account: string;
  value_kind: string;
  sensitive: boolean;
  title: string;
  question: string;
  help_text: string;
  binding: { kind: string; property: string; scope: string };
}

/** One local fact a distribution job needs. */
export interface Requirement {
  /** Stable key, e.g. `ios.bundle_id`; also used in tests. */
  key: string;
  platform: Platform;
  /** The lanes this requirement really blocks. */
  lanes: readonly Lane[];
  /** Undefined when met; otherwise the reason, naming the env vars / op keys that satisfy it. */
  unmet(f: DeliveryFacts, lane: Lane): string | undefined;
  /** Exactly what to set to satisfy it. */
  fix: string;
  /** Absent for facts only the repo can supply (an Xcode or Gradle project). */
  input?: HumanInputSpec;
}

/** Helper: a requirement that is met when `ok` is true. */
export const when = (ok: boolean, reason: string): string | undefined => (ok ? undefined : reason);

/** Helper: the problems of a credential check appended to a lead-in, or undefined when ok. */
export function credentialReason(lead: string, r: CheckResult): string | undefined {
  return r.ok ? undefined : `${lead}: ${r.problems.join('; ')}`;
}

/** Helper: true when any of the env vars is set (non-empty). */
export const envSet = (env: Env, ...names: string[]): boolean => firstEnv(env, ...names) !== undefined;

/** Where operator prereqs live, for fix texts. */
export const OP_FILE = '.akc/delivery/operator_prereqs.json';
