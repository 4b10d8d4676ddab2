import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { parseMessage, parsePathArgument, type SmtpMessage } from './message';

/** Largest message accepted (advertised with SIZE). */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
const MAX_RECIPIENTS = 100;

type Mode = 'command' | 'data' | 'auth-plain' | 'auth-login-user' | 'auth-login-pass';

/** One SMTP conversation (RFC 5321 subset) on one socket. */
export class SmtpSession {
  #mode: Mode = 'command';
  #greeted = false;
  #from: string | undefined;
  #to: string[] = [];
  #data: string[] = [];
  #dataBytes = 0;
  #authUser: string | undefined;
  #pendingUser: string | undefined;
  #buffer = '';

  constructor(
    private readonly socket: Socket,
    private readonly hostname: string,
    private readonly deliver: (message: SmtpMessage) => void,
  ) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.#onData(chunk));
    socket.on('error', () => socket.destroy());
    this.#reply(`220 ${hostname} ESMTP akc-emulators SMTP sink ready`);
  }

  #onData(chunk: string): void {
    this.#buffer += chunk;
    let newline = this.#buffer.indexOf('\n');
    while (newline !== -1 && !this.socket.destroyed) {
      const line = this.#buffer.slice(0, newline).replace(/\r$/, '');
      this.#buffer = this.#buffer.slice(newline + 1);
      this.#onLine(line);
      newline = this.#buffer.indexOf('\n');
    }
  }

  #onLine(line: string): void {
    if (this.#mode === 'data') return this.#onDataLine(line);
    if (this.#mode !== 'command') return this.#onAuthLine(line);
    const space = line.indexOf(' ');
    const verb = (space === -1 ? line : line.slice(0, space)).toUpperCase();
    const argument = space === -1 ? '' : line.slice(space + 1);
    this.#onCommand(verb, argument);
  }

  #onCommand(verb: string, argument: string): void {
    switch (verb) {
      case 'EHLO':
        this.#greeted = true;
        this.#resetTransaction();
        return this.#reply(
          `250-${this.hostname} greets ${argument || 'client'}`,
          `250-SIZE ${MAX_MESSAGE_BYTES}`,
          '250-8BITMIME',
          '250-AUTH PLAIN LOGIN',
          '250 HELP',
        );
      case 'HELO':
        this.#greeted = true;
        this.#resetTransaction();
        return this.#reply(`250 ${this.hostname}`);
      case 'AUTH':
        return this.#startAuth(argument);
      case 'MAIL':
        return this.#mail(argument);
      case 'RCPT':
        return this.#rcpt(argument);
      case 'DATA':
        if (this.#to.length === 0) return this.#reply('503 5.5.1 Error: need RCPT command');
        this.#mode = 'data';
        return this.#reply('354 End data with <CR><LF>.<CR><LF>');
      case 'RSET':
        this.#resetTransaction();
        return this.#reply('250 2.0.0 OK');
      case 'NOOP':
        return this.#reply('250 2.0.0 OK');
      case 'VRFY':
        return this.#reply('252 2.0.0 Cannot VRFY user, but will accept message');
      case 'HELP':
        return this.#reply('214 2.0.0 Commands: EHLO HELO AUTH MAIL RCPT DATA RSET NOOP QUIT');
      case 'QUIT':
        this.#reply('221 2.0.0 Bye');
        this.socket.end();
        return;
      default:
        return this.#reply('502 5.5.2 Error: command not recognized');
    }
  }

  #mail(argument: string): void {
    if (!this.#greeted) return this.#reply('503 5.5.1 Error: send HELO/EHLO first');
    if (this.#from !== undefined) return this.#reply('503 5.5.1 Error: nested MAIL command');
    const from = parsePathArgument(argument, 'FROM');
    if (from === undefined) return this.#reply('501 5.5.4 Syntax: MAIL FROM:<address>');
    const size = /SIZE=(\d+)/i.exec(argument)?.[1];
    if (size && Number(size) > MAX_MESSAGE_BYTES)
      return this.#reply('552 5.3.4 Message size exceeds fixed limit');
    this.#from = from;
    this.#reply('250 2.1.0 OK');
  }

  #rcpt(argument: string): void {
    if (this.#from === undefined) return this.#reply('503 5.5.1 Error: need MAIL command');
    const to = parsePathArgument(argument, 'TO');
    if (!to) return this.#reply('501 5.5.4 Syntax: RCPT TO:<address>');
    if (this.#to.length >= MAX_RECIPIENTS) return this.#reply('452 4.5.3 Error: too many recipients');
    this.#to.push(to);
    this.#reply('250 2.1.5 OK');
  }

  #onDataLine(line: string): void {
    if (line === '.') {
      const raw = this.#data.join('\r\n') + (this.#data.length ? '\r\n' : '');
      const oversize = this.#dataBytes > MAX_MESSAGE_BYTES;
      const id = randomUUID();
      if (!oversize) {
        const { headers, body } = parseMessage(raw);
        this.deliver({
          id,
          from: this.#from ?? '',
          to: [...this.#to],
          authUser: this.#authUser,
          raw,
          headers,
          subject: headers['subject'],
          body,
          receivedAt: new Date().toISOString(),
        });
      }
      this.#mode = 'command';
      this.#resetTransaction();
      return this.#reply(
        oversize ? '552 5.3.4 Message size exceeds fixed limit' : `250 2.0.0 OK: queued as ${id}`,
      );
    }
    // RFC 5321 4.5.2: a leading dot was doubled by the client.
    const unstuffed = line.startsWith('.') ? line.slice(1) : line;
    this.#dataBytes += unstuffed.length + 2;
    if (this.#dataBytes <= MAX_MESSAGE_BYTES) this.#data.push(unstuffed);
  }

  #startAuth(argument: string): void {
    if (!this.#greeted) return this.#reply('503 5.5.1 Error: send HELO/EHLO first');
    if (this.#authUser !== undefined) return this.#reply('503 5.5.1 Error: already authenticated');
    const [mechanism = '', initial] = argument.split(' ');
    if (mechanism.toUpperCase() === 'PLAIN') {
      if (initial) return this.#finishPlain(initial);
      this.#mode = 'auth-plain';
      return this.#reply('334 ');
    }
    if (mechanism.toUpperCase() === 'LOGIN') {
      if (initial) return this.#onAuthLineLoginUser(initial);
      this.#mode = 'auth-login-user';
      return this.#reply(`334 ${Buffer.from('Username:').toString('base64')}`);
    }
    this.#reply('504 5.5.4 Unrecognized authentication type');
  }

  #onAuthLine(line: string): void {
    if (line === '*') {
      this.#mode = 'command';
      return this.#reply('501 5.7.0 Authentication aborted');
    }
    if (this.#mode === 'auth-plain') return this.#finishPlain(line);
    if (this.#mode === 'auth-login-user') return this.#onAuthLineLoginUser(line);
    this.#mode = 'command';
    if (decodeBase64(line) === undefined || this.#pendingUser === undefined)
      return this.#reply('501 5.5.2 Cannot decode response');
    this.#authUser = this.#pendingUser;
    this.#reply('235 2.7.0 Authentication successful');
  }

  #onAuthLineLoginUser(line: string): void {
    const user = decodeBase64(line);
    if (user === undefined) {
      this.#mode = 'command';
      return this.#reply('501 5.5.2 Cannot decode response');
    }
    this.#pendingUser = user;
    this.#mode = 'auth-login-pass';
    this.#reply(`334 ${Buffer.from('Password:').toString('base64')}`);
  }

  #finishPlain(encoded: string): void {
    this.#mode = 'command';
    const decoded = decodeBase64(encoded);
    const parts = decoded?.split('\u0000');
    if (!parts || parts.length !== 3 || !parts[1]) return this.#reply('501 5.5.2 Cannot decode response');
    this.#authUser = parts[1];
    this.#reply('235 2.7.0 Authentication successful');
  }

  #resetTransaction(): void {
    this.#from = undefined;
    this.#to = [];
    this.#data = [];
    this.#dataBytes = 0;
  }

  #reply(...lines: string[]): void {
    if (!this.socket.destroyed) this.socket.write(lines.map((l) => `${l}\r\n`).join(''));
  }
}

function decodeBase64(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value.trim())) return undefined;
  return Buffer.from(value.trim(), 'base64').toString('utf8');
}
