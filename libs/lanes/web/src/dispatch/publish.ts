import {
  akcError,
  isAkcError,
  type AkcError,
  type DispatchContext,
  type Env,
  type PlannedCall,
} from '@akc/core';
import { runCommand } from '../run-command';
import { formatArgv } from '../split-command';
import { LEDGER_KEYS } from './invite-record';
import type { WebDistributionOptions } from './options';

/** What the ledger keeps under `published`. */
export interface PublishRecord {
  readonly production_url: string;
  readonly web_build_id: string;
  readonly archive_sha256: string | null;
  /** `command`: publish_command ran; `external`: none configured, the URL is assumed to serve the bundle. */
  readonly method: 'command' | 'external';
  readonly command?: readonly string[];
  readonly exit_code?: number;
  readonly duration_ms?: number;
  readonly published_at: string;
}

/** Env vars the publish command gets (besides the inherited environment, minus SMTP secrets). */
export const PUBLISH_ENV_NAMES = [
  'AKC_WEB_ARCHIVE',
  'AKC_WEB_PRODUCTION_URL',
  'AKC_DELIVERY_ID',
  'AKC_WEB_BUILD_ID',
] as const;

/** The web bundle the build lane produced, if any. */
function bundle(ctx: DispatchContext<unknown>): { path: string; sha256: string } | undefined {
  return ctx.artifact.files.find((f) => f.kind === 'web_bundle');
}

/** True when the ledger shows this very bundle already published to this URL. */
export function alreadyPublished(
  ctx: DispatchContext<unknown>,
  productionUrl: string,
): PublishRecord | undefined {
  const prior = ctx.ledger.get<PublishRecord>(LEDGER_KEYS.published);
  const same =
    prior?.production_url === productionUrl &&
    prior.web_build_id === ctx.versions.web_build_id &&
    prior.archive_sha256 === (bundle(ctx)?.sha256 ?? null);
  return same ? prior : undefined;
}

/** The call a dry run would make to publish (none when nothing would run). */
export function plannedPublish(
  ctx: DispatchContext<WebDistributionOptions>,
  productionUrl: string,
): PlannedCall[] {
  const argv = ctx.options.publish_command;
  if (!argv || alreadyPublished(ctx, productionUrl)) return [];
  return [
    {
      method: 'exec',
      endpoint: formatArgv(argv),
      purpose: `publish ${bundle(ctx)?.path ?? 'the web bundle'} to ${productionUrl}`,
    },
  ];
}

function publishEnv(ctx: DispatchContext<unknown>, archive: string, productionUrl: string): Env {
  const { SMTP_PASS: _p, AKC_DELIVERY_SMTP_URL: _u, ...inherited } = ctx.env;
  return {
    ...inherited,
    AKC_WEB_ARCHIVE: archive,
    AKC_WEB_PRODUCTION_URL: productionUrl,
    AKC_DELIVERY_ID: ctx.delivery.id,
    AKC_WEB_BUILD_ID: ctx.versions.web_build_id,
  };
}

/** Run the publish command and record it; an ETOOL failure is returned, not thrown. */
async function runPublish(
  ctx: DispatchContext<WebDistributionOptions>,
  argv: readonly string[],
  archive: string,
  base: Pick<PublishRecord, 'production_url' | 'web_build_id' | 'archive_sha256'>,
): Promise<PublishRecord | AkcError> {
  try {
    const run = await runCommand(ctx, argv, publishEnv(ctx, archive, base.production_url), 'publish command');
    const record: PublishRecord = {
      ...base,
      method: 'command',
      command: [...argv],
      exit_code: run.exitCode,
      duration_ms: run.durationMs,
      published_at: new Date(ctx.now()).toISOString(),
    };
    ctx.ledger.set(LEDGER_KEYS.published, record);
    return record;
  } catch (e) {
    if (isAkcError(e)) return e;
    throw e;
  }
}

/**
 * Publish the bundle to the production URL: run `publish_command` (no shell, in the project
 * folder, output to `ctx.log`) unless the ledger shows this bundle already published there, and
 * record the result under `published` right away. Without a command, record `external`.
 */
export async function publishBundle(
  ctx: DispatchContext<WebDistributionOptions>,
  productionUrl: string,
): Promise<PublishRecord | AkcError> {
  const prior = alreadyPublished(ctx, productionUrl);
  if (prior) return prior;
  const file = bundle(ctx);
  const argv = ctx.options.publish_command;
  const base = {
    production_url: productionUrl,
    web_build_id: ctx.versions.web_build_id,
    archive_sha256: file?.sha256 ?? null,
  };
  if (!argv) {
    const record: PublishRecord = {
      ...base,
      method: 'external',
      published_at: new Date(ctx.now()).toISOString(),
    };
    ctx.ledger.set(LEDGER_KEYS.published, record);
    return record;
  }
  if (!file)
    return akcError('ELANE', {
      lane: 'web:store',
      reason: 'publish_command is set but the artifact has no web_bundle file',
      hint: 'Package the web platform (akc deliver package) before promoting to store.',
    });
  return runPublish(ctx, argv, file.path, base);
}
