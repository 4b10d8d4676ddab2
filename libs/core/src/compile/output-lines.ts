/**
 * Line handling for a child's output: split a byte stream into UTF-8 lines (a multi-byte
 * character split across chunks stays whole) and keep a bounded tail for error messages.
 */
import { StringDecoder } from 'node:string_decoder';

/** Longest line kept in a tail; longer lines are cut with an ellipsis (the stream still gets all of it). */
export const MAX_TAIL_LINE_CHARS = 2000;

/** Splits chunks into lines (without `\n`/`\r\n`) and calls `onLine` for each complete one. */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';

  /** @param onLine called synchronously for every complete line, in order. */
  constructor(private readonly onLine: (line: string) => void) {}

  /** Feed the next chunk of the stream. */
  push(chunk: Buffer | string): void {
    const text = this.partial + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const p of parts) this.onLine(p.endsWith('\r') ? p.slice(0, -1) : p);
  }

  /** The stream ended: flush a final line that had no newline. */
  end(): void {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    if (rest !== '') this.onLine(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
  }
}

/** The last `max` lines seen, each cut to `MAX_TAIL_LINE_CHARS`. */
export class OutputTail {
  private readonly kept: string[] = [];

  /** @param max how many lines to keep (@default 40). */
  constructor(private readonly max = 40) {}

  /** Record one line. */
  add(line: string): void {
    this.kept.push(line.length > MAX_TAIL_LINE_CHARS ? `${line.slice(0, MAX_TAIL_LINE_CHARS)}…` : line);
    if (this.kept.length > this.max) this.kept.shift();
  }

  /** A copy of the kept lines, oldest first. */
  lines(): string[] {
    return [...this.kept];
  }
}
