import type { IncomingMessage, ServerResponse } from 'node:http';
import { ingestActivationReport } from '../control-plane/activation';
import type { ControlPlaneIO } from '../control-plane/io';
import { isJsonContentType, readJsonBody } from './read-body';
import { failureFor, sendJson, sendJsonFailure } from './respond';

/** What the activation endpoint needs besides the request. */
export interface ActivationContext {
  io: ControlPlaneIO;
  projectDir: string;
  maxBodyBytes: number;
}

/**
 * `POST /v1/deliveries/:id/activation`: the same JSON report as `akc deliver activation-report`
 * (415 without `application/json`, 413 over the body limit, 400 for anything but one valid JSON
 * object or a rejected report), answered 202 `{ ok: true, recipient_status }` once recorded.
 *
 * Not yet signed: the report is authenticated only by its per-recipient `recipient_token_id`.
 * A per-recipient signed activation token will be checked here, between reading the body and
 * ingesting it, without changing the store call.
 */
export async function handleActivation(
  ctx: ActivationContext,
  deliveryId: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!isJsonContentType(req)) {
    sendJsonFailure(
      res,
      { status: 415, code: 'EMEDIATYPE', message: 'Content-Type must be application/json' },
      { Connection: 'close' },
    );
    return;
  }
  const body = await readJsonBody(req, ctx.maxBodyBytes);
  if (!body.ok) {
    sendJsonFailure(res, body.failure, { Connection: 'close' });
    return;
  }
  try {
    const r = ingestActivationReport(ctx.io, ctx.projectDir, deliveryId, body.value);
    sendJson(res, 202, { ok: true, recipient_status: r.recipient_status });
  } catch (err) {
    sendJsonFailure(res, failureFor(err));
  }
}
