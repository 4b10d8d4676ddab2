import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANE_API_VERSION } from '@akc/core';
import defaultLane, { WEB_LANE_VERSION, webLane } from '../src';

describe('web lane: identity', () => {
  it('is the build lane for the web platform, exported by name and as default', () => {
    expect(defaultLane).toBe(webLane);
    expect(webLane).toMatchObject({
      apiVersion: LANE_API_VERSION,
      id: 'web',
      kind: 'build',
      platform: 'web',
    });
    expect(typeof webLane.parseOptions).toBe('function');
    expect(typeof webLane.preflight).toBe('function');
    expect(typeof webLane.package).toBe('function');
  });

  it('declares its package.json version', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')) as {
      version: string;
      main: string;
    };
    expect(webLane.version).toBe(pkg.version);
    expect(WEB_LANE_VERSION).toBe(pkg.version);
    expect(pkg.main).toBe('dist/index.js');
  });
});
