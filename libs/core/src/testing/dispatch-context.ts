import type { Lane } from '../schemas/common';
import type {
  DispatchArtifact,
  DispatchContext,
  DispatchLedger,
  InviteIssuer,
} from '../lane/dispatch-contract';
import { generateInviteKey } from '../invites';
import { inviteIssuerForKey } from '../distribution/invite-issuer';
import { createTestLaneContext, type TestContextInput } from './lane-context';

/** An in-memory ledger with a `snapshot()` for assertions (the runner's is durable). */
export function createMemoryLedger(
  initial: Record<string, unknown> = {},
): DispatchLedger & { snapshot(): Record<string, unknown> } {
  const data: Record<string, unknown> = structuredClone(initial);
  const recipients = (data.recipients ??= {}) as Record<string, unknown>;
  return {
    get: <T>(k: string) => data[k] as T | undefined,
    set: (k, v) => {
      data[k] = structuredClone(v);
    },
    getRecipient: <T>(e: string) => recipients[e] as T | undefined,
    setRecipient: (e, v) => {
      recipients[e] = structuredClone(v);
    },
    snapshot: () => structuredClone(data),
  };
}

/** A real invite issuer with a fresh key (links verify with the returned key). */
export function createTestInviteIssuer(
  deliveryId = 'conformance-delivery',
  ttlMs = 7 * 24 * 3600 * 1000,
): InviteIssuer {
  return inviteIssuerForKey(deliveryId, generateInviteKey(Date.now()), ttlMs, Date.now);
}

export interface TestDispatchInput extends TestContextInput {
  lane: TestContextInput['lane'];
  channel: Lane;
  artifact: DispatchArtifact;
  execute?: boolean;
  storeSubmit?: 'auto' | 'manual';
  ledger?: DispatchLedger;
  resend?: boolean;
}

/** A dispatch context for lane tests: two recipients, a memory ledger, a real invite issuer. */
export function createTestDispatchContext(input: TestDispatchInput): DispatchContext {
  const base = createTestLaneContext(input);
  return {
    ...base,
    lane: input.channel,
    artifact: input.artifact,
    recipients: base.delivery.recipients,
    execute: input.execute ?? true,
    storeSubmit: input.storeSubmit ?? 'auto',
    ledger: input.ledger ?? createMemoryLedger(),
    invites: createTestInviteIssuer(base.delivery.id),
    resend: input.resend ?? false,
  };
}
