/** One message received by the SMTP sink. */
export interface SmtpMessage {
  id: string;
  /** Envelope sender (MAIL FROM). */
  from: string;
  /** Envelope recipients (RCPT TO). */
  to: string[];
  /** User name given with AUTH, if the client authenticated. */
  authUser?: string;
  /** The message exactly as received after dot-unstuffing (headers + body, CRLF line ends). */
  raw: string;
  /** Header fields, unfolded, names lower-cased; repeated fields are joined with ", ". */
  headers: Record<string, string>;
  subject?: string;
  /** Everything after the header block. */
  body: string;
  receivedAt: string;
}

/** Splits a raw RFC 5322 message into unfolded headers and body. */
export function parseMessage(raw: string): { headers: Record<string, string>; body: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] ? `${headers[name]}, ${value}` : value;
  }
  return { headers, body };
}

/** Extracts the address from `FROM:<a@b>` / `TO:<a@b> PARAM=x`; returns undefined when malformed. */
export function parsePathArgument(argument: string, keyword: 'FROM' | 'TO'): string | undefined {
  const match = new RegExp(`^${keyword}:\\s*<([^>]*)>`, 'i').exec(argument.trim());
  return match ? (match[1] ?? '') : undefined;
}
