import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** How the scripted server misbehaves. Anything not scripted is accepted with 250. */
export interface SmtpScript {
  /** The reply to `RCPT TO:<to>` on its `attempt`-th try (1-based); undefined accepts. */
  rcpt?: (to: string, attempt: number) => string | undefined;
  /** Reset (TCP RST) this many connections when they send MAIL FROM. */
  resetConnections?: number;
  /** The reply to AUTH (default `235 2.7.0 Authentication successful`). */
  authReply?: string;
}

/** A running scripted server. */
export interface ScriptedSmtp {
  readonly port: number;
  readonly delivered: Array<{ to: string; raw: string }>;
  readonly rcptAttempts: Map<string, number>;
  connections: number;
  close(): Promise<void>;
}

function session(socket: Socket, script: SmtpScript, state: ScriptedSmtp, reset: boolean): void {
  let to = '';
  let data: string[] | null = null;
  let buffer = '';
  const reply = (line: string): void => void socket.write(`${line}\r\n`);
  const onLine = (line: string): void => {
    if (data) {
      if (line !== '.') return void data.push(line);
      state.delivered.push({ to, raw: data.join('\r\n') });
      data = null;
      return reply(`250 2.0.0 OK queued as q${state.delivered.length}`);
    }
    const verb = line.split(' ')[0]?.toUpperCase() ?? '';
    if (verb === 'EHLO') return reply('250-scripted\r\n250-AUTH PLAIN\r\n250 8BITMIME');
    if (verb === 'AUTH') return reply(script.authReply ?? '235 2.7.0 Authentication successful');
    if (verb === 'MAIL') return reset ? void socket.resetAndDestroy() : reply('250 2.1.0 OK');
    if (verb === 'RCPT') {
      to = /<([^>]*)>/.exec(line)?.[1] ?? '';
      const attempt = (state.rcptAttempts.get(to) ?? 0) + 1;
      state.rcptAttempts.set(to, attempt);
      return reply(script.rcpt?.(to, attempt) ?? '250 2.1.5 OK');
    }
    if (verb === 'DATA') {
      data = [];
      return reply('354 go ahead');
    }
    reply(verb === 'QUIT' ? '221 bye' : '250 OK');
    if (verb === 'QUIT') socket.end();
  };
  socket.setEncoding('utf8');
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    for (let nl = buffer.indexOf('\n'); nl !== -1 && !socket.destroyed; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl).replace(/\r$/, '');
      buffer = buffer.slice(nl + 1);
      onLine(line);
    }
  });
  reply('220 scripted ESMTP');
}

/** A tiny SMTP server on 127.0.0.1 that answers as scripted (for failures the sink cannot inject). */
export async function startScriptedSmtp(script: SmtpScript = {}): Promise<ScriptedSmtp> {
  const sockets = new Set<Socket>();
  const state: ScriptedSmtp = {
    port: 0,
    delivered: [],
    rcptAttempts: new Map(),
    connections: 0,
    close: async () => undefined,
  };
  const server = createServer((socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    session(socket, script, state, state.connections <= (script.resetConnections ?? 0));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
}
