import {
  DEFAULT_APP_GOAL,
  deriveAppGoal,
  detectMentionedPlatforms,
  parseRequestText,
  requireRequestText,
} from '../../src/ingest';
import { thrown } from './helpers';

describe('app_goal (spec 4.1 observed examples)', () => {
  it.each([
    ['Build a dog walking app and send it to these 3 users', 'Build a dog walking app'],
    ['Build app and ship it to QA team', 'Build app and'],
    ['make a game, deliver the app to bob@x.com', 'make a game,'],
    ['ship this to my friends', 'ship this to my friends'],
    ['Send to these 5 users', 'Send to these 5 users'],
    ['  multi   space   text  ', 'multi space text'],
    ['build a dog walking app and send it to these 3 users', 'build a dog walking app'], // spec 15 item 29
    ['Notes PWA, DISTRIBUTE IT TO the beta crew', 'Notes PWA,'],
    ['Todo app send to these 1 user', 'Todo app'],
    ['A resend tool', 'A resend tool'], // "send" inside a word is not an instruction
  ])('%j → %j', (input, goal) => {
    expect(deriveAppGoal(input)).toBe(goal);
  });

  it('falls back to the original trimmed text, not the collapsed one', () => {
    expect(deriveAppGoal('  ship  this\tto friends ')).toBe('ship  this\tto friends');
  });

  it('empty text gives the default goal', () => {
    expect(deriveAppGoal('   ')).toBe(DEFAULT_APP_GOAL);
  });
});

describe('request_mentions_platforms', () => {
  it.each([
    ['a web app', ['web']],
    ['a webapp', []],
    ['for iPhone and iPad', ['ios']],
    ['TestFlight please', ['ios']],
    ['on the App  Store', ['ios']],
    ['iOS', ['ios']],
    ['android-tablets only', ['android']],
    ['Play Store and Firebase', ['android']],
    ['web, ios and android', ['android', 'ios', 'web']],
    ['appstore playstore webs iosx', []],
    ['éweb and webé', []],
  ])('%j → %j', (text, want) => {
    expect(detectMentionedPlatforms(text)).toEqual(want);
  });
});

describe('parseRequestText', () => {
  const base = { platforms: ['web'] as const, releaseMode: 'beta' as const, recipients: ['a@x.com'] };

  it('spec 15 item 30: mentions never widen targets; one warning says --platforms is authoritative', () => {
    const parsed = parseRequestText('ship ios app to testers', base);
    expect(parsed.requested_platforms).toEqual(['web']);
    expect(parsed.request_mentions_platforms).toContain('ios');
    expect(parsed.warnings).toHaveLength(1);
    expect(parsed.warnings[0]).toContain('--platforms is authoritative');
    expect(parsed.warnings[0]).toContain('ios');
  });

  it('lists all extra platforms, sorted, in the single warning', () => {
    const parsed = parseRequestText('android and iphone and web', base);
    expect(parsed.warnings).toHaveLength(1);
    expect(parsed.warnings[0]).toMatch(/android, ios;/);
  });

  it('no warning when the mentions are a subset', () => {
    expect(parseRequestText('a web thing', base).warnings).toEqual([]);
  });

  it('spec 15 item 31: emails in the text are never recipients', () => {
    const parsed = parseRequestText('send it to bob@evil.com and eve@x.com', base);
    expect(parsed.recipient_set).toEqual(['a@x.com']);
  });

  it('fills the rest from the flags (observed submit shape)', () => {
    const parsed = parseRequestText('Build a dog walking app for iPhone', {
      platforms: ['web', 'ios', 'android'],
      releaseMode: 'both',
      recipients: ['a@x.com', 'B@X.com', 'a@x.com'],
    });
    expect(parsed).toEqual({
      app_goal: 'Build a dog walking app for iPhone',
      delivery_mode: 'both',
      recipient_set: ['a@x.com', 'b@x.com'],
      release_lanes: ['beta', 'store'],
      request_mentions_platforms: ['ios'],
      requested_platforms: ['web', 'ios', 'android'],
      warnings: [],
    });
  });

  it('never infers platforms or mode from text', () => {
    const parsed = parseRequestText('store release for android', { ...base, releaseMode: 'beta' });
    expect(parsed.delivery_mode).toBe('beta');
    expect(parsed.requested_platforms).toEqual(['web']);
  });
});

describe('requireRequestText', () => {
  it('trims', () => expect(requireRequestText('  goal ')).toBe('goal'));
  it.each([undefined, '', '  \n '])('spec 15 item 1: %j is EREQUEST', (v) => {
    expect(thrown(() => requireRequestText(v)).message).toBe('--request is required');
  });
});
