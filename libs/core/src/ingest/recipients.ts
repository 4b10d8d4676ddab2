/**
 * Recipient e-mail normalisation (spec §4.3). Recipients are authoritative: only
 * `--recipient` and `--recipients-file` define them, never free text.
 */
import { akcError } from '../errors/akc-error';
import { EMAIL_PATTERN } from '../schemas/constants';

/** RFC 5321 caps a forward path at 256 octets including the angle brackets. */
export const MAX_EMAIL_LENGTH = 254;

const EMAIL_RE = new RegExp(EMAIL_PATTERN);
// Printable ASCII only. Checked before lower-casing because some non-ASCII letters
// lower-case to ASCII (U+212A KELVIN SIGN becomes "k") and would slip through otherwise.
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

/**
 * Trim and lower-case one address and check it against {@link EMAIL_PATTERN}.
 * Non-ASCII (internationalised) addresses are refused: the store providers do not accept them.
 * @throws AkcError EEMAIL naming the raw value; `params.reason` says what is wrong.
 * @example normaliseEmail('  Dana@Example.COM ') // 'dana@example.com'
 */
export function normaliseEmail(raw: string): string {
  const trimmed = raw.trim();
  const reason = emailProblem(trimmed);
  if (reason) throw akcError('EEMAIL', { raw, reason });
  return trimmed.toLowerCase();
}

function emailProblem(trimmed: string): string | undefined {
  if (trimmed === '') return 'the address is empty';
  if (trimmed.length > MAX_EMAIL_LENGTH) return `the address is longer than ${MAX_EMAIL_LENGTH} characters`;
  if (!PRINTABLE_ASCII.test(trimmed)) {
    return 'only ASCII addresses are supported (no spaces, accents or other non-ASCII characters)';
  }
  if (!EMAIL_RE.test(trimmed.toLowerCase()))
    return 'expected one @ and a dotted domain, e.g. dana@example.com';
  return undefined;
}

/**
 * Merge file entries and CLI entries (file first), normalise each and de-duplicate,
 * keeping the first-seen order.
 * @throws AkcError ERECIPIENTSNONE when both lists are empty; EEMAIL for the first invalid entry.
 */
export function normaliseRecipients(fileEntries: readonly string[], cliEntries: readonly string[]): string[] {
  if (fileEntries.length === 0 && cliEntries.length === 0) throw akcError('ERECIPIENTSNONE');
  return dedupeEmails([...fileEntries, ...cliEntries]);
}

/** Normalise and de-duplicate (first-seen order) without the emptiness check. */
export function dedupeEmails(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const entry of entries) seen.add(normaliseEmail(entry));
  return [...seen];
}
