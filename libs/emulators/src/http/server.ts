import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP server that really closes, keep-alive sockets included. */
export interface LoopbackServer extends AsyncDisposable {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  /** Schedules a callback that {@link close} cancels; use it for every deliberate delay. */
  setTimer(ms: number, fn: () => void): void;
  /** Stops listening, destroys open connections and cancels pending timers. Idempotent. */
  close(): Promise<void>;
}

/** Options for {@link startLoopbackServer}. */
export interface LoopbackServerOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
}

/** Starts a `node:http` server bound to 127.0.0.1 only. */
export async function startLoopbackServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  options: LoopbackServerOptions = {},
): Promise<LoopbackServer> {
  const server: Server = createServer(handler);
  const timers = new Set<NodeJS.Timeout>();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setTimer(ms, fn) {
      const t = setTimeout(() => {
        timers.delete(t);
        fn();
      }, ms);
      timers.add(t);
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
