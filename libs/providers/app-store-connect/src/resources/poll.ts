/** How often and how long to poll a long-running step. */
export interface PollOptions {
  /** Wait between polls. @default 10000 */
  intervalMs?: number;
  /** Give up after this long. @default 1800000 (30 min) */
  timeoutMs?: number;
  /** Injectable sleep for tests. */
  sleep?: (ms: number) => Promise<void>;
}

/** Calls `check` until it returns a value (not undefined) or the timeout passes; returns undefined on timeout. */
export async function pollUntil<T>(
  check: () => Promise<T | undefined>,
  options: PollOptions = {},
): Promise<T | undefined> {
  const interval = options.intervalMs ?? 10_000;
  const deadline = Date.now() + (options.timeoutMs ?? 1_800_000);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() + interval > deadline) return undefined;
    await sleep(interval);
  }
}
