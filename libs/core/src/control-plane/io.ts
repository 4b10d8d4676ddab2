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
