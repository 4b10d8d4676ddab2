import type { Lane, Platform } from '../schemas/common';
import type { DispatchReceipt } from '../lane/dispatch-contract';
import type { LaneRegistry } from '../lane/registry';
import type { LaneConfig } from '../lane/load-lanes';

export interface WaveOptions {
  lane: Lane;
  registry: LaneRegistry;
  laneConfig: LaneConfig;
  /** Call providers for real (`--execute` / AKC_DELIVERY_EXECUTE_PROVIDERS=1); otherwise a dry run. */
  execute: boolean;
  storeSubmit: 'auto' | 'manual';
  /** Resend: only this recipient, delivered again even if already invited. */
  resendTo?: string;
  signal?: AbortSignal;
}

/** One job's outcome as recorded (never holds an invite URL). */
export interface JobOutcome {
  job: string;
  platform: Platform;
  lane: Lane;
  lane_id: string;
  status: DispatchReceipt['status'] | 'blocked' | 'skipped';
  ok: boolean;
  submitted: boolean;
  recipients: DispatchReceipt['recipients'];
  external_refs: DispatchReceipt['external_refs'];
  planned_calls?: DispatchReceipt['planned_calls'];
  problems?: Array<{ id: string; reason: string; fix: string }>;
  error: string | null;
  duration_ms: number;
}

export interface WaveResult {
  ok: boolean;
  lane: Lane;
  execute: boolean;
  jobs: Record<string, JobOutcome>;
  /** Web invites without an email transport: shown once to the operator, never stored. */
  operator_links: Array<{ email: string; url: string }>;
  session_phase: string;
}
