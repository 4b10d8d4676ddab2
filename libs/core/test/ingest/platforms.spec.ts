import {
  adapterKindFor,
  deliveryJobs,
  firstWaveLanes,
  parsePlatforms,
  parseReleaseMode,
  releaseLanes,
} from '../../src/ingest';
import { thrown } from './helpers';

describe('parsePlatforms', () => {
  it('spec 15 item 8: trims and lower-cases', () => {
    expect(parsePlatforms('Web, IOS')).toEqual(['web', 'ios']);
  });

  it('keeps the given order and drops empty parts', () => {
    expect(parsePlatforms(',android,,web,')).toEqual(['android', 'web']);
  });

  it('weakness 22 fixed: duplicates are removed, first occurrence wins', () => {
    expect(parsePlatforms('web,web,ios,WEB, ios')).toEqual(['web', 'ios']);
  });

  it('spec 15 item 6: unsupported names are listed, sorted and unique, with the allowed set', () => {
    const e = thrown(() => parsePlatforms('web,windows,linux,windows'));
    expect(e.code).toBe('EPLATFORM');
    expect(e.message).toContain('linux, windows');
    expect(e.message).toContain('allowed: web, ios, android');
  });

  it.each([' , ', '', ',,,'])('spec 15 item 7: %j means no platform', (csv) => {
    const e = thrown(() => parsePlatforms(csv));
    expect(e.code).toBe('EPLATFORMNONE');
    expect(e.message).toContain('at least one platform is required');
  });
});

describe('release mode and lanes', () => {
  it.each([
    ['beta', ['beta'], ['beta']],
    ['store', ['store'], ['store']],
    ['both', ['beta', 'store'], ['beta']],
  ] as const)('%s → lanes %j, first wave %j', (mode, lanes, first) => {
    expect(parseReleaseMode(mode)).toBe(mode);
    expect(releaseLanes(mode)).toEqual(lanes);
    expect(firstWaveLanes(mode)).toEqual(first);
  });

  it('forgives case and surrounding space', () => {
    expect(parseReleaseMode(' Both ')).toBe('both');
  });

  it.each(['prod', '', 'beta,store'])('spec 15 item 9: %j is ERELEASEMODE', (v) => {
    const e = thrown(() => parseReleaseMode(v));
    expect(e.code).toBe('ERELEASEMODE');
    expect(e.hint).toContain('beta, store or both');
  });
});

describe('deliveryJobs (spec 7.1)', () => {
  it('spec 15 item 52: lane outer, platforms in the given order inner', () => {
    const keys = deliveryJobs(['web', 'android', 'ios'], ['beta', 'store']).map(
      (j) => `${j.platform}:${j.lane}`,
    );
    expect(keys).toEqual(['web:beta', 'android:beta', 'ios:beta', 'web:store', 'android:store', 'ios:store']);
  });

  it('spec 15 item 53: web+ios beta gives exactly web_invite and testflight', () => {
    expect(deliveryJobs(['web', 'ios'], ['beta']).map((j) => j.adapter_kind)).toEqual([
      'web_invite',
      'testflight',
    ]);
  });

  it('ignores duplicate platforms and lanes, and puts beta first whatever the lane order', () => {
    const jobs = deliveryJobs(['ios', 'ios'], ['store', 'beta', 'store']);
    expect(jobs.map((j) => `${j.platform}:${j.lane}`)).toEqual(['ios:beta', 'ios:store']);
  });

  it('maps every (platform, lane) to its adapter', () => {
    expect(adapterKindFor('web', 'store')).toBe('web_invite');
    expect(adapterKindFor('ios', 'store')).toBe('app_store_release');
    expect(adapterKindFor('android', 'beta')).toBe('firebase_app_distribution');
    expect(adapterKindFor('android', 'store')).toBe('google_play_release');
  });
});
