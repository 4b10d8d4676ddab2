import { submitDelivery, type SubmitInput } from '../../src/control-plane/submit';
import { DeliveryStore } from '../../src/store/delivery-store';
import type { Transaction } from '../../src/store/transaction';
import { buildInviteUrl, signActivationToken, signInvite } from '../../src/invites';
import type { ControlPlaneIO } from '../../src/control-plane/io';
import { tempProject, testIO } from '../helpers';

export interface Fixture {
  io: ControlPlaneIO;
  project: string;
  id: string;
  store: DeliveryStore;
  token: (email: string) => string;
  /** The recipient's signed activation credential (what their invite link carries as akc_act). */
  activationToken: (email: string) => string;
  /** Change state the way a later pipeline stage (packaging, distribution) would. */
  mutate: (fn: (tx: Transaction) => void) => void;
  inviteUrl: (email: string, opts?: { expiresAt?: number }) => string;
}

export function createFixture(input: Partial<SubmitInput> = {}, io: ControlPlaneIO = testIO()): Fixture {
  const project = input.projectDir ?? tempProject();
  const { delivery_id: id } = submitDelivery(io, {
    projectDir: project,
    request: 'Beta of the notes app',
    recipients: ['a@x.com', 'b@x.com'],
    platforms: 'web',
    ...input,
  });
  const store = new DeliveryStore(project, id, { now: io.now });
  return {
    io,
    project,
    id,
    store,
    token: (email) => store.read('session').per_recipient[email]!.invite_token_id,
    activationToken: (email) => {
      const secrets = store.read('secrets');
      const key = secrets.invite_keys.find((k) => k.kid === secrets.active_kid)!;
      const tokenId = store.read('session').per_recipient[email]!.invite_token_id;
      return signActivationToken({ deliveryId: id, tokenId, key });
    },
    mutate: (fn) => store.transact(fn),
    inviteUrl: (email, opts = {}) => {
      const secrets = store.read('secrets');
      const key = secrets.invite_keys.find((k) => k.kid === secrets.active_kid)!;
      const tokenId = store.read('session').per_recipient[email]!.invite_token_id;
      const expiresAtUnixMs = opts.expiresAt ?? io.now() + 7 * 24 * 3600 * 1000;
      const signature = signInvite({ deliveryId: id, tokenId, expiresAtUnixMs, key });
      return buildInviteUrl('https://beta.example.com/app', {
        deliveryId: id,
        tokenId,
        expiresAtUnixMs,
        kid: key.kid,
        signature,
      });
    },
  };
}

/** Mark packaging complete and the beta wave finished, as the packaging and distribution stages will. */
export function simulateBetaWave(f: Fixture, ok: boolean): void {
  f.mutate((tx) => {
    const s = tx.get('session');
    s.pipeline.package.status = 'completed';
    s.session_phase = 'distributing';
    if (s.distribution_plan) {
      s.distribution_plan.current_phase = 'human_readiness_gate';
      s.distribution_plan.beta_distribution_completed_at_unix_ms = tx.now();
      s.distribution_plan.beta_distribution_ok = ok;
    }
    tx.put('session', s);
  });
}
