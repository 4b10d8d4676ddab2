import type { IncomingMessage, ServerResponse } from 'node:http';
import { withActivationToken } from '../activation/report';
import type { ReportBatcher } from './report-batcher';
import { isJsonContentType, readJsonBody } from './read-body';
import { failureFor, sendJson, sendJsonFailure } from './respond';

/** What the activation endpoint needs besides the request. */
export interface ActivationContext {
  batcher: ReportBatcher;
  maxBodyBytes: number;
}

/** The credential of an `Authorization: Bearer <token>` header, or null. */
function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m?.[1] ?? null;
}

/**
 * `POST /v1/deliveries/:id/activation`: the same JSON report as `akc deliver activation-report`,
 * authenticated by the recipient's signed activation token (body `activation_token`, or an
 * `Authorization: Bearer` header). 415 without `application/json`, 413 over the body limit, 400
 * for anything but one valid JSON object or a rejected report, 403 for a missing, forged or
 * foreign token; 202 `{ ok: true, recipient_status }` once the report is durable. Reports are
 * group-committed (see {@link ReportBatcher}).
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
  const header = bearer(req);
  try {
    const report =
      header === null ? body.value : withActivationToken(body.value, header, 'the Authorization header');
    const r = await ctx.batcher.submit(deliveryId, report);
    if (r.ok) sendJson(res, 202, { ok: true, recipient_status: r.recipient_status });
    else sendJsonFailure(res, failureFor(r.error));
  } catch (err) {
    sendJsonFailure(res, failureFor(err));
  }
}
