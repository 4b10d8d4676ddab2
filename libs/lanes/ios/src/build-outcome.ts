import type { RunContext } from './run-step';
import type { IosLaneOptions } from './options';

/** What an executed method hands back to `packageIos`: the .ipa in workDir and what to record. */
export interface BuildOutcome {
  readonly path: string;
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly toolDurationMs: number;
}

/** The context a method executor needs. */
export interface ExecuteContext extends RunContext {
  readonly options: IosLaneOptions;
  readonly projectDir: string;
}

/** The lane's tool timeout in milliseconds. */
export function toolTimeoutMs(options: IosLaneOptions): number {
  return Math.round(options.timeout_minutes * 60_000);
}
