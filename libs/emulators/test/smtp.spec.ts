import { connect, type Socket } from 'node:net';
import { startSmtpSink } from '../src';

/** A tiny SMTP client: sends one line at a time and waits for the complete reply. */
async function openSmtp(
  port: number,
): Promise<{ send(line: string): Promise<string>; greeting: string; socket: Socket }> {
  const socket = connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  let buffer = '';
  let waiting: ((reply: string) => void) | undefined;
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\r\n');
    const last = lines[lines.length - 2];
    if (last !== undefined && /^\d{3} /.test(last) && waiting) {
      const reply = buffer;
      buffer = '';
      const w = waiting;
      waiting = undefined;
      w(reply);
    }
  });
  const next = () => new Promise<string>((resolve) => (waiting = resolve));
  const greeting = await next();
  return {
    socket,
    greeting,
    send: (line: string) => {
      const reply = next();
      socket.write(`${line}\r\n`);
      return reply;
    },
  };
}

describe('SMTP sink', () => {
  it('receives a message through a real SMTP conversation with AUTH PLAIN and dot-unstuffing', async () => {
    await using sink = await startSmtpSink();
    const smtp = await openSmtp(sink.port);
    expect(smtp.greeting).toMatch(/^220 /);
    expect(await smtp.send('MAIL FROM:<a@b.c>')).toMatch(/^503 /);
    const ehlo = await smtp.send('EHLO client.test');
    expect(ehlo).toContain('250-AUTH PLAIN LOGIN');
    expect(
      await smtp.send(`AUTH PLAIN ${Buffer.from('\u0000mailer\u0000secret').toString('base64')}`),
    ).toMatch(/^235 /);
    expect(await smtp.send('RCPT TO:<x@y.z>')).toMatch(/^503 /);
    expect(await smtp.send('MAIL FROM:<invites@akc.test> SIZE=100')).toMatch(/^250 /);
    expect(await smtp.send('RCPT TO:<ada@example.com>')).toMatch(/^250 /);
    expect(await smtp.send('RCPT TO:<bob@example.com>')).toMatch(/^250 /);
    expect(await smtp.send('DATA')).toMatch(/^354 /);
    const reply = await smtp.send(
      [
        'Subject: Your invite',
        'From: AKC <invites@akc.test>',
        'X-Long: first',
        ' continued',
        '',
        'Hello Ada,',
        '..leading dot line',
        '.',
        '',
      ]
        .join('\r\n')
        .replace(/\r\n$/, ''),
    );
    expect(reply).toMatch(/^250 2\.0\.0 OK: queued as /);
    expect(await smtp.send('NOOP')).toMatch(/^250 /);
    expect(await smtp.send('QUIT')).toMatch(/^221 /);
    const message = await sink.waitForMessage((m) => m.to.includes('ada@example.com'));
    expect(message).toMatchObject({
      from: 'invites@akc.test',
      to: ['ada@example.com', 'bob@example.com'],
      authUser: 'mailer',
      subject: 'Your invite',
    });
    expect(message.headers['x-long']).toBe('first continued');
    expect(message.body).toBe('Hello Ada,\r\n.leading dot line\r\n');
    const viaHttp = (await (await fetch(`${sink.control.url}/__control/messages`)).json()) as {
      messages: { subject: string }[];
    };
    expect(viaHttp.messages.map((m) => m.subject)).toEqual(['Your invite']);
  });

  it('supports AUTH LOGIN, RSET and HELO, and rejects unknown commands', async () => {
    await using sink = await startSmtpSink();
    const smtp = await openSmtp(sink.port);
    expect(await smtp.send('HELO me')).toMatch(/^250 /);
    expect(await smtp.send('AUTH LOGIN')).toBe(`334 ${Buffer.from('Username:').toString('base64')}\r\n`);
    expect(await smtp.send(Buffer.from('user').toString('base64'))).toMatch(/^334 /);
    expect(await smtp.send(Buffer.from('pw').toString('base64'))).toMatch(/^235 /);
    expect(await smtp.send('MAIL FROM:<a@b.c>')).toMatch(/^250 /);
    expect(await smtp.send('MAIL FROM:<a@b.c>')).toMatch(/^503 /);
    expect(await smtp.send('RSET')).toMatch(/^250 /);
    expect(await smtp.send('DATA')).toMatch(/^503 /);
    expect(await smtp.send('FROB')).toMatch(/^502 /);
    smtp.socket.destroy();
    expect(sink.messages).toHaveLength(0);
    await expect(sink.waitForMessage(undefined, 50)).rejects.toThrow(/No matching SMTP message/);
    await fetch(`${sink.control.url}/__control/messages`, { method: 'DELETE' });
  });
});
