/** What goes into one invite email. */
export interface InviteEmailInput {
  readonly appName: string;
  readonly version: string;
  readonly lane: 'beta' | 'store';
  /** The signed link: a bearer secret, only ever placed in the message body. */
  readonly url: string;
  readonly expiresAtUnixMs: number;
}

/** A composed invite: subject plus plain-text and HTML bodies. */
export interface InviteEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The app name shown in emails: option `app_name`, else a non-default repo id, else "the app". */
export function inviteAppName(option: string | undefined, repoId: string): string {
  if (option) return option;
  return repoId && repoId !== 'local' ? repoId : 'the app';
}

/**
 * Compose the invite: the subject names the app and version; both bodies carry the link, the
 * version and when the link expires. The link is personal, and the text says so.
 */
export function composeInviteEmail(input: InviteEmailInput): InviteEmail {
  const what = input.lane === 'beta' ? `the beta of ${input.appName}` : input.appName;
  const expires = new Date(input.expiresAtUnixMs).toUTCString();
  const subject = `You're invited to try ${what} ${input.version}`;
  const text = [
    `You're invited to try ${what}, version ${input.version}.`,
    '',
    'Open this personal link (do not forward it):',
    input.url,
    '',
    `The link expires on ${expires}.`,
    '',
  ].join('\n');
  const html = [
    '<!doctype html><html><body>',
    `<p>You're invited to try ${escapeHtml(what)}, version ${escapeHtml(input.version)}.</p>`,
    `<p><a href="${escapeHtml(input.url)}">Open ${escapeHtml(input.appName)} ${escapeHtml(input.version)}</a></p>`,
    `<p>This link is personal; please do not forward it. It expires on ${escapeHtml(expires)}.</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
