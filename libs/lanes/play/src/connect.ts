/** Open the Play client for a job: credentials from env, every call through the retry wrapper. */
import type { LaneContext } from '@akc/core';
import { createPlayApi, type PlayApi } from './client';
import { loadServiceAccount } from './credentials';
import type { PlayJob } from './job';
import { withRetry } from './retry';

/** Load the service account and build the client (lazily loads the Google SDKs). */
export async function connectPlay(
  ctx: LaneContext,
  job: PlayJob,
  onAccount?: (email: string) => void,
): Promise<PlayApi> {
  const account = loadServiceAccount(ctx.env);
  onAccount?.(account.client_email);
  const run = <T>(call: string, attempt: () => Promise<T>) =>
    withRetry(call, attempt, { settings: job.options.retry, log: ctx.log, signal: ctx.signal });
  return createPlayApi({
    packageName: job.packageName,
    rootUrl: job.rootUrl,
    account,
    signal: ctx.signal,
    run,
  });
}
