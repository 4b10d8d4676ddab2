/**
 * Distribution adapter preflight (spec §4.7), fail-closed and tightened per spec §16 items 12
 * and 25: every credential check demands what the real provider client needs. Local facts only,
 * never the network; every unmet requirement of every job is reported at once.
 */
import type { Lane, Platform, ReleaseMode } from '../schemas/common';
import { isFalsyEnv, isTruthyEnv } from '../util/env';
import { NODE_FILES, type FileAccess } from './credentials';
import { REQUIREMENTS } from './human-inputs';
import { deliveryJobs, releaseLanes, type AdapterKind, type DeliveryJob } from './platforms';
import { isPathSafeId } from './project-config';
import { resolveDeliveryFacts, type DeliveryFacts, type FactSources } from './requirement';

/** One blocking problem of one job, with exactly what to set. */
export interface IssueRow {
  platform: Platform;
  lane: Lane;
  adapter_kind: AdapterKind;
  reason: string;
  fix: string;
}

/** Result of {@link runAdapterPreflight}. `ok` is simply `issues.length === 0`. */
export interface PreflightResult {
  enforced: boolean;
  issues: IssueRow[];
  jobs: DeliveryJob[];
  /** Non-blocking findings (no invite email transport; what relaxed mode let through). */
  warnings: string[];
}

/** Inputs to {@link runAdapterPreflight}. */
export interface PreflightOptions extends Omit<FactSources, 'files'> {
  platforms: readonly Platform[];
  releaseMode: ReleaseMode;
  /** Lanes to check; defaults to every lane of the release mode. */
  lanes?: readonly Lane[];
  tenantId: string;
  repoId: string;
  /** Test seam: replaces the file-existence part of the real file system. */
  fileExists?: (p: string) => boolean;
  /** Test seam: full file access; wins over `fileExists`. */
  files?: FileAccess;
}

/**
 * Strict unless `AKC_DELIVERY_RELAX_ADAPTER_PREFLIGHT` is truthy or the legacy
 * `AKC_DELIVERY_ENFORCE_ADAPTER_PREFLIGHT` is falsy (a truthy relax wins over everything).
 */
export function isAdapterPreflightEnforced(env: FactSources['env']): boolean {
  if (isTruthyEnv(env.AKC_DELIVERY_RELAX_ADAPTER_PREFLIGHT)) return false;
  return !isFalsyEnv(env.AKC_DELIVERY_ENFORCE_ADAPTER_PREFLIGHT);
}

/**
 * Check every scheduled (platform, lane) job. The tenant/repo scope check always runs; when it
 * fails it is the only issue of each job. Jobs come in dispatch order (lane outer, platform inner).
 */
export function runAdapterPreflight(opts: PreflightOptions): PreflightResult {
  const enforced = isAdapterPreflightEnforced(opts.env);
  const jobs = deliveryJobs(opts.platforms, opts.lanes ?? releaseLanes(opts.releaseMode));
  const scopeProblem = scopeIssue(opts.tenantId, opts.repoId);
  if (scopeProblem) {
    const issues = jobs.map((j) => ({ ...j, reason: scopeProblem, fix: SCOPE_FIX }));
    return { enforced, issues, jobs, warnings: [] };
  }
  const facts = resolveDeliveryFacts({ ...opts, files: fileAccess(opts) });
  const found = jobs.flatMap((job) => jobIssues(job, facts));
  const warnings = emailWarning(jobs, facts);
  if (enforced) return { enforced, issues: found, jobs, warnings };
  // Relaxed: nothing blocks, but the operator still sees what strict mode would have said.
  const relaxed = found.map((i) => `relaxed preflight let ${i.platform}:${i.lane} through: ${i.reason}`);
  return { enforced, issues: [], jobs, warnings: [...warnings, ...relaxed] };
}

const SCOPE_FIX =
  'Set tenant_id and repo_id in .akc/project.json to path-safe ids (A-Z a-z 0-9 _ . -), or remove them to use "local"';

function scopeIssue(tenantId: string, repoId: string): string | undefined {
  const bad = (v: string): boolean => v === '' || v.trim() !== v || !isPathSafeId(v);
  if (!bad(tenantId) && !bad(repoId)) return undefined;
  return `tenant/repo isolation check failed: tenant_id ${JSON.stringify(tenantId)} and repo_id ${JSON.stringify(repoId)} must be non-empty path-safe ids without surrounding whitespace`;
}

function fileAccess(opts: PreflightOptions): FileAccess {
  if (opts.files) return opts.files;
  const exists = opts.fileExists;
  if (!exists) return NODE_FILES;
  return { isFile: exists, readText: (p, max) => (exists(p) ? NODE_FILES.readText(p, max) : undefined) };
}

function jobIssues(job: DeliveryJob, facts: DeliveryFacts): IssueRow[] {
  const issues: IssueRow[] = [];
  for (const req of REQUIREMENTS) {
    if (req.platform !== job.platform || !req.lanes.includes(job.lane)) continue;
    const reason = req.unmet(facts, job.lane);
    if (reason !== undefined) issues.push({ ...job, reason, fix: req.fix });
  }
  return issues;
}

function emailWarning(jobs: readonly DeliveryJob[], facts: DeliveryFacts): string[] {
  if (facts.emailTransport || !jobs.some((j) => j.adapter_kind === 'web_invite')) return [];
  return [
    'web: no invite email transport configured (operator prereq web.invite_email_configured, or env ' +
      'AKC_DELIVERY_INVITE_EMAIL_FROM, SENDGRID_API_KEY, POSTMARK_API_TOKEN, AKC_DELIVERY_SMTP_URL, ' +
      'SMTP_HOST+SMTP_USER+SMTP_PASS, or AWS_SES_REGION with AWS_ACCESS_KEY_ID/AWS_PROFILE); ' +
      'invite links will be listed for the operator to send',
  ];
}
