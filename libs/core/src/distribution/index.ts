export { runWave } from './run-wave';
export type { WaveOptions, WaveResult, JobOutcome } from './types';
export { refreshProviderState, type RefreshResult } from './refresh';
