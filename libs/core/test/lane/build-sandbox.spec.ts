import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { runTool } from '../../src/lane/kit';
import {
  cleanupSandboxes,
  createBuildSandbox,
  createSandboxPackageContext,
  makeStoredZip,
  readInvocations,
  recordInvocation,
  SANDBOX_VERSIONS,
  writeFakeTool,
  writeTree,
} from '../../src/testing';

afterEach(cleanupSandboxes);

describe('@akc/core/testing: build sandboxes', () => {
  it('makeStoredZip writes one stored entry: local header, central directory and end record', () => {
    const zip = makeStoredZip('Payload/App.app/Info.plist', 'fake ipa');
    const name = 'Payload/App.app/Info.plist';
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    expect(zip.readUInt32LE(14)).toBe(crc32(Buffer.from('fake ipa')));
    expect(zip.readUInt32LE(18)).toBe(8);
    expect(zip.subarray(30, 30 + name.length).toString()).toBe(name);
    expect(zip.subarray(30 + name.length, 38 + name.length).toString()).toBe('fake ipa');
    const end = zip.subarray(zip.length - 22);
    expect(end.readUInt32LE(0)).toBe(0x06054b50);
    const cd = end.readUInt32LE(16);
    expect(zip.readUInt32LE(cd)).toBe(0x02014b50);
    expect(zip.length).toBe(30 + 46 + 22 + 2 * name.length + 8);
  });

  it('createBuildSandbox makes project/work/bin folders and a PATH with only the fakes and node', () => {
    const sb = createBuildSandbox('akc-sbx-');
    for (const d of [sb.projectDir, sb.workDir, sb.binDir]) expect(statSync(d).isDirectory()).toBe(true);
    expect(sb.root).toContain('akc-sbx-');
    const [bin, nodeDir] = sb.path.split(':');
    expect(bin).toBe(sb.binDir);
    expect(realpathSync(join(nodeDir!, 'node'))).toBe(realpathSync(process.execPath));
    expect(sb.logs).toEqual([]);
    cleanupSandboxes();
    expect(existsSync(sb.root)).toBe(false);
  });

  it('writeFakeTool, recordInvocation and readInvocations record what a tool was run with', async () => {
    const sb = createBuildSandbox('akc-sbx-');
    writeTree(sb.projectDir, { 'a/b.txt': 'x', 'c.bin': Buffer.from([1]) });
    expect(readFileSync(join(sb.projectDir, 'a/b.txt'), 'utf8')).toBe('x');
    const marker = join(sb.root, 'calls');
    const tool = writeFakeTool(sb, 'gradlew', recordInvocation(marker));
    expect(statSync(tool).mode & 0o111).toBe(0o111);
    for (const arg of ['one', 'two']) {
      await runTool({
        argv: ['gradlew', arg],
        cwd: sb.projectDir,
        env: { PATH: sb.path, AKC_X: '1', OTHER: '2' },
      });
    }
    expect(readInvocations(readFileSync(marker, 'utf8'))).toEqual([
      { args: ['one'], cwd: sb.projectDir, env: { AKC_X: '1' } },
      { args: ['two'], cwd: sb.projectDir, env: { AKC_X: '1' } },
    ]);
  });

  it('createSandboxPackageContext builds a package context over the sandbox', () => {
    const sb = createBuildSandbox('akc-sbx-');
    const ctx = createSandboxPackageContext(
      sb,
      'android',
      { artifact: 'aab' },
      { mode: 'plan', env: { JAVA_HOME: '/j' } },
    );
    expect(ctx).toMatchObject({
      laneId: 'android',
      platform: 'android',
      projectDir: sb.projectDir,
      workDir: sb.workDir,
      options: { artifact: 'aab' },
      env: { PATH: sb.path, JAVA_HOME: '/j' },
      versions: SANDBOX_VERSIONS,
      mode: 'plan',
      preflight: { problems: [] },
      delivery: { id: 'd_test', dir: sb.root, version: '1.4.0', releaseMode: 'beta' },
    });
    ctx.log('line');
    expect(sb.logs).toEqual(['line']);
    expect(createSandboxPackageContext(sb, 'ios', {}).mode).toBe('execute');
  });
});
