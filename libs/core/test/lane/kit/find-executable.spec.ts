import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findExecutable, isExecutableFile } from '../../../src/lane/kit';
import { cleanupSandboxes, createBuildSandbox, writeFakeTool } from '../../../src/testing';

afterEach(cleanupSandboxes);

describe('lane kit: findExecutable', () => {
  it('finds an executable on env.PATH, never process.env', () => {
    const sb = createBuildSandbox('akc-kit-');
    const tool = writeFakeTool(sb, 'eas', '');
    expect(findExecutable('eas', { PATH: sb.path })).toBe(tool);
    expect(findExecutable('eas', {})).toBeNull();
    expect(findExecutable('node', { PATH: '' })).toBeNull();
  });

  it('skips relative PATH entries and files that are not executable', () => {
    const sb = createBuildSandbox('akc-kit-');
    writeFileSync(join(sb.binDir, 'plain'), 'x');
    chmodSync(join(sb.binDir, 'plain'), 0o644);
    mkdirSync(join(sb.binDir, 'folder'));
    expect(findExecutable('plain', { PATH: sb.binDir })).toBeNull();
    expect(findExecutable('folder', { PATH: sb.binDir })).toBeNull();
    writeFakeTool(sb, 'rel', '');
    expect(findExecutable('rel', { PATH: 'bin' })).toBeNull();
  });

  it('checks a name with a slash as given', () => {
    const sb = createBuildSandbox('akc-kit-');
    const tool = writeFakeTool(sb, 'gradlew', '');
    expect(findExecutable(tool, {})).toBe(tool);
    expect(findExecutable(join(sb.binDir, 'nope'), {})).toBeNull();
  });
});

describe('lane kit: isExecutableFile', () => {
  it('is true only for a regular file with the execute bit', () => {
    const sb = createBuildSandbox('akc-kit-');
    const tool = writeFakeTool(sb, 'gradlew', '');
    expect(isExecutableFile(tool)).toBe(true);
    chmodSync(tool, 0o644);
    expect(isExecutableFile(tool)).toBe(false);
    expect(isExecutableFile(sb.binDir)).toBe(false);
    expect(isExecutableFile(join(sb.binDir, 'missing'))).toBe(false);
  });
});
