import { createMemoryLedger, createTestDispatchContext } from '@akc/core/testing';
import type {
  DispatchArtifact,
  DispatchContext,
  DispatchLedger,
  Env,
  LanePlugin,
  LaneRecipient,
} from '@akc/core';
import { tempDir, testEnv } from '../../helpers/harness';
import { keyedIssuer, type KeyedIssuer } from './keyed-issuer';

export type MemoryLedger = ReturnType<typeof createMemoryLedger>;

export interface WebDispatchInput {
  lane: LanePlugin;
  projectDir?: string;
  env?: Env;
  options?: Record<string, unknown>;
  ledger?: MemoryLedger;
  issuer?: KeyedIssuer;
  execute?: boolean;
  resend?: boolean;
  storeSubmit?: 'auto' | 'manual';
  recipients?: readonly LaneRecipient[];
  artifact?: Partial<DispatchArtifact>;
  compile?: Record<string, unknown> | null;
  logs?: string[];
}

/** What a test needs to look at after a dispatch. */
export interface WebDispatchHarness {
  ctx: DispatchContext;
  ledger: MemoryLedger & DispatchLedger;
  issuer: KeyedIssuer;
  logs: string[];
}

/** A dispatch context for the web distribution lanes: core's test context with a keyed issuer. */
export function webDispatch(input: WebDispatchInput): WebDispatchHarness {
  const projectDir = input.projectDir ?? tempDir('akc-web-dispatch-');
  const logs = input.logs ?? [];
  const base = createTestDispatchContext({
    lane: input.lane,
    channel: input.lane.lane ?? 'beta',
    projectDir,
    env: input.env ?? testEnv(),
    options: input.options ?? {},
    log: (line) => logs.push(line),
    artifact: { platform: 'web', files: [], hostingUrl: null, versions: {}, ...input.artifact },
    execute: input.execute,
    resend: input.resend,
    storeSubmit: input.storeSubmit,
  });
  const ledger = input.ledger ?? createMemoryLedger();
  const issuer = input.issuer ?? keyedIssuer(base.delivery.id);
  const delivery = { ...base.delivery, compile: input.compile ?? null };
  const ctx: DispatchContext = {
    ...base,
    delivery,
    recipients: input.recipients ?? base.recipients,
    ledger,
    invites: issuer.issuer,
  };
  return { ctx, ledger, issuer, logs };
}

/** The SMTP env for a local server, with credentials (the password is a canary for leaks). */
export const SMTP_PASSWORD = 'pw-CANARY-7f3a';
export function smtpEnv(port: number, extra: Env = {}): Env {
  return testEnv([], {
    AKC_DELIVERY_SMTP_URL: `smtp://mailer:${SMTP_PASSWORD}@127.0.0.1:${port}`,
    AKC_DELIVERY_INVITE_EMAIL_FROM: 'beta@example.org',
    AKC_DELIVERY_WEB_INVITE_BASE_URL: 'https://beta.example.com/app',
    ...extra,
  });
}
