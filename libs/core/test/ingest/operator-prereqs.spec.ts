import * as path from 'node:path';
import {
  loadOperatorPrereqs,
  operatorPrereqs,
  prereqFlag,
  prereqList,
  prereqString,
  prereqValue,
} from '../../src/ingest';
import { tempTree } from './helpers';

const FILE = '.akc/delivery/operator_prereqs.json';

describe('loadOperatorPrereqs', () => {
  it('missing file is empty with no warning', () => {
    expect(loadOperatorPrereqs(tempTree())).toEqual({ prereqs: {}, warnings: [] });
  });

  it('reads an object', () => {
    const dir = tempTree({ [FILE]: '{"ios": {"bundle_id": "com.x"}}' });
    expect(loadOperatorPrereqs(dir)).toEqual({ prereqs: { ios: { bundle_id: 'com.x' } }, warnings: [] });
  });

  it.each([
    ['invalid JSON', '{"ios": ', /invalid JSON/],
    ['a top-level array', '[1]', /not a JSON object/],
    ['null', 'null', /not a JSON object/],
  ])('%s is not silently {}: empty prereqs plus a warning naming the file', (_n, body, want) => {
    const dir = tempTree({ [FILE]: body });
    const got = loadOperatorPrereqs(dir);
    expect(got.prereqs).toEqual({});
    expect(got.warnings).toHaveLength(1);
    expect(got.warnings[0]).toMatch(want);
    expect(got.warnings[0]).toContain(path.join(dir, FILE));
  });

  it('a directory in place of the file gives a warning', () => {
    const dir = tempTree({ [`${FILE}/`]: '' });
    expect(loadOperatorPrereqs(dir).warnings[0]).toMatch(/not a regular file/);
  });
});

describe('accessors', () => {
  const p = operatorPrereqs({
    ios: { bundle_id: 'com.x', signing_assets: true, app_store_connect_app: 0, xcode_or_eas_export: '  ' },
    apple: 'not-an-object',
    android: { firebase_app_distribution_groups: ' qa; friends ,, ', play_package: 42 },
    web: { hosting_endpoint: true, invite_base_url: ' https://b.example.com ', invite_email_configured: [] },
  });

  it('prereqFlag applies truthiness', () => {
    expect(prereqFlag(p, 'ios.bundle_id')).toBe(true);
    expect(prereqFlag(p, 'ios.signing_assets')).toBe(true);
    expect(prereqFlag(p, 'ios.app_store_connect_app')).toBe(false);
    expect(prereqFlag(p, 'ios.xcode_or_eas_export')).toBe(false); // blank string
    expect(prereqFlag(p, 'apple.team_id')).toBe(false); // parent is not an object
    expect(prereqFlag(p, 'web.invite_email_configured')).toBe(false); // empty list
    expect(prereqFlag(p, 'android.signing_keystore')).toBe(false); // absent
  });

  it('prereqString returns only non-empty strings, trimmed', () => {
    expect(prereqString(p, 'web.invite_base_url')).toBe('https://b.example.com');
    expect(prereqString(p, 'web.hosting_endpoint')).toBeUndefined(); // boolean true is not a value
    expect(prereqString(p, 'android.play_package')).toBeUndefined();
    expect(prereqValue(p, 'web.hosting_endpoint')).toBe(true);
  });

  it('prereqList splits CSV/semicolon strings and keeps string array items', () => {
    expect(prereqList(p, 'android.firebase_app_distribution_groups')).toEqual(['qa', 'friends']);
    const q = operatorPrereqs({ android: { firebase_app_distribution_groups: ['a', 3, ' b ', ''] } });
    expect(prereqList(q, 'android.firebase_app_distribution_groups')).toEqual(['a', 'b']);
  });
});
