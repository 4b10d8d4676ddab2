import type { RunStepContext } from '@akc/core';
import type { AndroidLaneOptions } from './options';

// What an executed method hands back to `packageAndroid`: the artifact in workDir and what to record.
export type { BuildOutcome } from '@akc/core';

/** The context a method executor needs. */
export interface ExecuteContext extends RunStepContext {
  readonly options: AndroidLaneOptions;
  readonly projectDir: string;
}
