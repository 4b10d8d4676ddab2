import type { RunContext } from './run-step';
import type { AndroidLaneOptions } from './options';

/** What an executed method hands back to `packageAndroid`: the artifact in workDir and what to record. */
export interface BuildOutcome {
  readonly path: string;
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly toolDurationMs: number;
  /** False when the artifact cannot be distributed as is (an unsigned APK). @default true */
  readonly distributionReady?: boolean;
}

/** The context a method executor needs. */
export interface ExecuteContext extends RunContext {
  readonly options: AndroidLaneOptions;
  readonly projectDir: string;
}

/** The lane's tool timeout in milliseconds. */
export function toolTimeoutMs(options: AndroidLaneOptions): number {
  return Math.round(options.timeout_minutes * 60_000);
}
