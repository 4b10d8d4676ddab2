import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { iosLane } from '../src';
import { cleanupSandboxes, writeFakeTool, writeTree } from '@akc/core/testing';
import { createSandbox, makeContext, makeZip } from './helpers';

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

describe('ios lane: process hygiene', () => {
  it('never writes to process.stdout or process.stderr; tool output goes to ctx.log', async () => {
    const sb = createSandbox();
    writeTree(sb.projectDir, { 'eas.json': JSON.stringify({ build: { production: {} } }) });
    writeFakeTool(
      sb,
      'eas',
      `const args = process.argv.slice(2);
console.error('progress on stderr');
fs.writeFileSync(args[args.indexOf('--output') + 1], Buffer.from(${JSON.stringify(makeZip().toString('base64'))}, 'base64'));
console.log(JSON.stringify([{ id: 'b-1', status: 'FINISHED', platform: 'IOS' }]));`,
    );
    const stdout = jest.spyOn(process.stdout, 'write');
    const stderr = jest.spyOn(process.stderr, 'write');
    await iosLane.package!(makeContext(sb, { options: { eas_local: true } }));
    expect(stdout).not.toHaveBeenCalled();
    expect(stderr).not.toHaveBeenCalled();
    expect(sb.logs).toEqual(expect.arrayContaining(['progress on stderr', expect.stringContaining('"b-1"')]));
  });

  it('kills a long-running tool when ctx.signal aborts', async () => {
    const sb = createSandbox();
    writeTree(sb.projectDir, { 'eas.json': JSON.stringify({ build: { production: {} } }) });
    const pidFile = join(sb.root, 'eas.pid');
    writeFakeTool(
      sb,
      'eas',
      `fs.writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));
console.error('waiting for build…');
setInterval(() => {}, 1000);`,
    );
    const abort = new AbortController();
    const running = iosLane.package!(makeContext(sb, { signal: abort.signal, options: { eas_local: true } }));
    const outcome = running.catch((e: unknown) => e);
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

  it('does not start a tool when the signal is already aborted', async () => {
    const sb = createSandbox();
    writeTree(sb.projectDir, { 'eas.json': JSON.stringify({ build: { production: {} } }) });
    const marker = join(sb.root, 'ran');
    writeFakeTool(sb, 'eas', `fs.writeFileSync(${JSON.stringify(marker)}, '');`);
    const abort = new AbortController();
    abort.abort();
    await expect(iosLane.package!(makeContext(sb, { signal: abort.signal }))).rejects.toMatchObject({
      code: 'ETOOL',
    });
    expect(existsSync(marker)).toBe(false);
  });
});
