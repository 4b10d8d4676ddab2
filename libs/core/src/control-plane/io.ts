import type { Env } from '../util/env';
import { createRedactor } from '../util/redact';
import type { StoreIO } from '../store/transaction';
import { DeliveryStore } from '../store/delivery-store';

/**
 * Everything the control plane needs from its host. Only apps/cli reads `process.*`; tests and
 * programmatic users pass their own.
 */
export interface ControlPlaneIO {
  /** Working directory for relative paths (recipients file). */
  cwd: string;
  /** Home directory for `~` expansion. */
  homeDir: string;
  env: Env;
  /** Wall clock, unix ms. */
  now: () => number;
  /** Progress lines for long steps (the CLI sends them to stderr). */
  progress?: (line: string) => void;
  /**
   * Control-audit hook (spec 12.3), called after a change is committed with the action name
   * (`delivery.preflight.decision`, `delivery.store.promote`, ...) and its details. The host
   * decides where records go (the CLI appends them to the tenant's control_audit.jsonl when the
   * project is scoped). Never called for a refused command; a hook that throws is ignored.
   */
  audit?: (action: string, details: Record<string, unknown>) => void;
}

/** Most issues an audit record carries (spec 12.3: "first 48"). */
export const AUDIT_MAX_ISSUES = 48;

/** Call the audit hook, if any; an audit failure never fails the command that was audited. */
export function emitAudit(io: ControlPlaneIO, action: string, details: Record<string, unknown>): void {
  try {
    io.audit?.(action, details);
  } catch {
    // The hook owns its error reporting (the CLI warns once); the committed change stands.
  }
}

export function storeIO(io: ControlPlaneIO, extraSecrets: readonly string[] = []): StoreIO {
  return { now: io.now, redact: createRedactor(io.env, extraSecrets) };
}

/** Open an existing delivery (ENOTFOUND if it does not exist, EDELIVERYID if unsafe). */
export function openDelivery(io: ControlPlaneIO, projectDir: string, deliveryId: string): DeliveryStore {
  const store = new DeliveryStore(projectDir, deliveryId, storeIO(io));
  store.assertExists();
  return store;
}
