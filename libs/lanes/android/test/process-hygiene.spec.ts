import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { androidLane } from '../src';
import { buildsArtifact, writeGradlew } from './fake-gradle';
import { cleanupSandboxes } from '@akc/core/testing';
import { createSandbox, makeContext } from './helpers';

afterEach(cleanupSandboxes);
afterEach(() => jest.restoreAllMocks());

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('android lane: process hygiene', () => {
  it('never writes to process.stdout or process.stderr; Gradle output goes to ctx.log', async () => {
    const sb = createSandbox();
    writeGradlew(sb, buildsArtifact());
    const stdout = jest.spyOn(process.stdout, 'write');
    const stderr = jest.spyOn(process.stderr, 'write');
    await androidLane.package!(makeContext(sb));
    expect(stdout).not.toHaveBeenCalled();
    expect(stderr).not.toHaveBeenCalled();
    expect(sb.logs).toContain('> Task :app:preBuild UP-TO-DATE');
  });

  it('kills a long-running Gradle build when ctx.signal aborts', async () => {
    const sb = createSandbox();
    const pidFile = join(sb.root, 'gradlew.pid');
    writeGradlew(
      sb,
      `fs.writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));\nsetInterval(() => {}, 1000);`,
    );
    const abort = new AbortController();
    const outcome = androidLane.package!(makeContext(sb, { signal: abort.signal })).catch((e: unknown) => e);
    while (!existsSync(pidFile)) await sleep(20);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(isAlive(pid)).toBe(true);
    abort.abort();
    await expect(outcome).resolves.toMatchObject({
      code: 'ETOOL',
      message: expect.stringContaining('aborted'),
    });
    expect(isAlive(pid)).toBe(false);
  });
});
