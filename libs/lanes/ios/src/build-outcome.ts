import type { RunStepContext } from '@akc/core';
import type { IosLaneOptions } from './options';

// What an executed method hands back to `packageIos`: the .ipa in workDir and what to record.
export type { BuildOutcome } from '@akc/core';

/** The context a method executor needs. */
export interface ExecuteContext extends RunStepContext {
  readonly options: IosLaneOptions;
  readonly projectDir: string;
}
