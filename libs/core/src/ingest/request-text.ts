/**
 * Free-text request parse (spec §4.1). The text only yields a goal and a hint of which
 * platforms it mentions; recipients, platforms, release mode and version always come from flags.
 */
import { akcError } from '../errors/akc-error';
import type { Platform, ReleaseMode } from '../schemas/common';
import type { ParsedRequest } from '../schemas/request';
import { releaseLanes } from './platforms';
import { dedupeEmails } from './recipients';

/** Goal used when the text is empty (not reachable from the CLI, which requires --request). */
export const DEFAULT_APP_GOAL = 'Deliver application';

// "(and) send (it) to these <N> users" at the very end of the text.
const TRAILING_SEND_TO_USERS = /\s*(?:\band\s+)?\bsend\s+(?:it\s+)?to\s+these\s+\d+\s+users?\s*$/i;
// "send|ship|deliver|distribute it|this|the app to …" through to the end of the text.
const DELIVERY_INSTRUCTION = /\b(?:send|ship|deliver|distribute)\s+(?:it|this|the\s+app)\s+to\b.*$/i;

// Whole-word matching with Unicode-aware boundaries, so "webapp" and "éweb" do not match
// while "android-tablets" does.
const word = (body: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}_])(?:${body})(?![\\p{L}\\p{N}_])`, 'iu');
const MENTIONS: ReadonlyArray<readonly [Platform, RegExp]> = [
  ['android', word('android|play\\s+store|firebase')],
  ['ios', word('ios|iphone|ipad|testflight|app\\s+store')],
  ['web', word('web')],
];

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * The goal with delivery instructions stripped.
 * @example deriveAppGoal('Build a dog walking app and send it to these 3 users') // 'Build a dog walking app'
 */
export function deriveAppGoal(text: string): string {
  const collapsed = collapse(text);
  if (collapsed === '') return DEFAULT_APP_GOAL;
  const stripped = collapse(collapsed.replace(TRAILING_SEND_TO_USERS, '').replace(DELIVERY_INSTRUCTION, ''));
  // When everything was an instruction ("ship this to my friends") keep the original text.
  return stripped === '' ? text.trim() : stripped;
}

/** Platforms named in the text, sorted and unique. Informational only: never widens targets. */
export function detectMentionedPlatforms(text: string): Platform[] {
  return MENTIONS.filter(([, re]) => re.test(text)).map(([p]) => p);
}

/** Inputs to {@link parseRequestText}; all of them come from flags, none from the text. */
export interface RequestTextOptions {
  platforms: readonly Platform[];
  releaseMode: ReleaseMode;
  recipients: readonly string[];
}

/**
 * Build the `parsed` block of a request. Emails inside the text are ignored on purpose.
 * One warning is added when the text mentions platforms that `--platforms` does not include.
 * `recipient_set` is the normalised, de-duplicated `recipients`.
 * @throws AkcError EEMAIL when a recipient is not a valid address.
 */
export function parseRequestText(text: string, opts: RequestTextOptions): ParsedRequest {
  const platforms = [...new Set(opts.platforms)];
  const mentioned = detectMentionedPlatforms(text);
  const extra = mentioned.filter((p) => !platforms.includes(p));
  const warnings =
    extra.length === 0
      ? []
      : [
          `request mentions platform(s) not in --platforms: ${extra.join(', ')}; --platforms is authoritative ` +
            `(${platforms.join(', ')}), so targets were not widened from free text`,
        ];
  return {
    app_goal: deriveAppGoal(text),
    requested_platforms: platforms,
    delivery_mode: opts.releaseMode,
    recipient_set: dedupeEmails(opts.recipients),
    release_lanes: releaseLanes(opts.releaseMode),
    request_mentions_platforms: mentioned,
    warnings,
  };
}

/**
 * Trim `--request`; an empty result is refused (spec §1.2 check 1).
 * @throws AkcError EREQUEST
 */
export function requireRequestText(raw: string | undefined): string {
  const text = (raw ?? '').trim();
  if (text === '') throw akcError('EREQUEST');
  return text;
}
