import { ingestActivationReports, type BatchedReportResult } from '../control-plane/activation';
import type { ControlPlaneIO } from '../control-plane/io';

/** Group commit for activation reports: one transaction per delivery per turn of the event loop. */
export interface ReportBatcher {
  /** Resolves once the report is durable (or refused); rejects when the whole batch failed. */
  submit(deliveryId: string, report: unknown): Promise<BatchedReportResult>;
  /** Reports queued or being written. */
  pending(): number;
  /** Transactions written so far (each holds one or more reports). */
  batches(): number;
}

interface Waiter {
  report: unknown;
  resolve: (r: BatchedReportResult) => void;
  reject: (err: unknown) => void;
}

/**
 * Reports that arrive while the server is busy are queued per delivery and written together on
 * the next turn of the event loop: one lock, one append per log, one rewrite of session.json for
 * up to `maxBatch` reports. Each report still gets its own answer, and none is answered before the
 * transaction that holds it has committed (fsync), so an accepted report is never lost.
 */
export function createReportBatcher(
  io: ControlPlaneIO,
  projectDir: string,
  maxBatch = 512,
  onCommitted?: (deliveryId: string) => void,
): ReportBatcher {
  const queues = new Map<string, Waiter[]>();
  let scheduled = false;
  let inFlight = 0;
  let batches = 0;

  function flush(): void {
    scheduled = false;
    for (const [deliveryId, queue] of queues) {
      const batch = queue.splice(0, maxBatch);
      if (queue.length === 0) queues.delete(deliveryId);
      try {
        batches += 1;
        const results = ingestActivationReports(
          io,
          projectDir,
          deliveryId,
          batch.map((w) => w.report),
        );
        if (results.some((r) => r.ok)) onCommitted?.(deliveryId);
        batch.forEach((w, i) => {
          const r = results[i];
          if (r) w.resolve(r);
          else w.reject(new Error('report batch returned too few results'));
        });
      } catch (err) {
        for (const w of batch) w.reject(err);
      } finally {
        inFlight -= batch.length;
      }
    }
    if (queues.size > 0) schedule();
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  }

  return {
    submit(deliveryId, report) {
      return new Promise((resolve, reject) => {
        let queue = queues.get(deliveryId);
        if (!queue) queues.set(deliveryId, (queue = []));
        queue.push({ report, resolve, reject });
        inFlight += 1;
        schedule();
      });
    },
    pending: () => inFlight,
    batches: () => batches,
  };
}
