/** Undo quoted-printable soft breaks and escapes (nodemailer uses QP for long lines). */
export function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The invite link in a raw email: the first `base?…akc_sig=<hex>` URL of the plain-text part. */
export function inviteLinkIn(raw: string, base: string): string {
  const decoded = decodeQuotedPrintable(raw);
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The whole link: the signed invite and, after it, the activation credential (akc_act).
  const match = new RegExp(`${escaped}\\?[^\\s"<]*akc_sig=[0-9a-f]{64}(&akc_act=[^\\s"<&]+)?`).exec(decoded);
  if (!match) throw new Error(`no invite link under ${base} in the message`);
  return match[0];
}
