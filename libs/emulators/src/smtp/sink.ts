import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startEmulatorServer, toJson, type EmulatorServer } from '../http/emulator-server';
import type { HttpResult } from '../http/types';
import type { SmtpMessage } from './message';
import { SmtpSession } from './session';

/** Options for {@link startSmtpSink}. */
export interface SmtpSinkOptions {
  /** SMTP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Port of the HTTP control server. @default 0 */
  controlPort?: number;
  /** Name announced in the greeting. @default 'akc-smtp-sink' */
  hostname?: string;
}

/** A running SMTP sink: accepts any mail on 127.0.0.1 and keeps it in memory. */
export interface SmtpSink extends AsyncDisposable {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** `smtp://127.0.0.1:PORT` */
  readonly url: string;
  /** HTTP control server: `GET/DELETE /__control/messages`. */
  readonly control: EmulatorServer;
  /** Messages received so far, oldest first. */
  readonly messages: readonly SmtpMessage[];
  /** Resolves with the first (already received or future) message matching `predicate`; rejects after `timeoutMs`. */
  waitForMessage(predicate?: (message: SmtpMessage) => boolean, timeoutMs?: number): Promise<SmtpMessage>;
  /** Forgets received messages. */
  clear(): void;
  close(): Promise<void>;
}

/** Starts the SMTP sink (plain SMTP, no TLS) and its HTTP control server, both on 127.0.0.1. */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: SmtpMessage[] = [];
  const waiters = new Set<(m: SmtpMessage) => void>();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    new SmtpSession(socket, options.hostname ?? 'akc-smtp-sink', (message) => {
      messages.push(message);
      for (const waiter of [...waiters]) waiter(message);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const messagesResult = (): HttpResult => ({ status: 200, body: { messages: toJson(messages) } });
  const control = await startEmulatorServer({
    name: 'smtp-sink',
    port: options.controlPort,
    routes: [],
    controlRoutes: [
      { method: 'GET', pattern: '/__control/messages', handler: messagesResult },
      {
        method: 'DELETE',
        pattern: '/__control/messages',
        handler: () => {
          messages.length = 0;
          return { status: 204 };
        },
      },
    ],
    formatError: (error) => ({
      status: error.status,
      body: { error: { code: error.status, message: error.message } },
    }),
  });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= Promise.all([
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
      control.close(),
    ]).then(() => undefined);
    return closing;
  };
  return {
    host: '127.0.0.1',
    port,
    url: `smtp://127.0.0.1:${port}`,
    control,
    messages,
    waitForMessage: (predicate = () => true, timeoutMs = 5000) =>
      waitFor(messages, waiters, predicate, timeoutMs),
    clear: () => void (messages.length = 0),
    close,
    [Symbol.asyncDispose]: close,
  };
}

function waitFor(
  messages: SmtpMessage[],
  waiters: Set<(m: SmtpMessage) => void>,
  predicate: (m: SmtpMessage) => boolean,
  timeoutMs: number,
): Promise<SmtpMessage> {
  const existing = messages.find(predicate);
  if (existing) return Promise.resolve(existing);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      waiters.delete(waiter);
      reject(new Error(`No matching SMTP message within ${timeoutMs} ms`));
    }, timeoutMs);
    const waiter = (message: SmtpMessage): void => {
      if (!predicate(message)) return;
      clearTimeout(timer);
      waiters.delete(waiter);
      resolve(message);
    };
    waiters.add(waiter);
  });
}
