import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFileStreamed } from '../../../src/lane/kit';
import { cleanupSandboxes, createBuildSandbox } from '../../../src/testing';

afterEach(cleanupSandboxes);

describe('lane kit: copyFileStreamed', () => {
  it('copies the file and leaves no .partial behind', async () => {
    const sb = createBuildSandbox('akc-kit-');
    const from = join(sb.projectDir, 'app.ipa');
    writeFileSync(from, Buffer.alloc(200_000, 7));
    const to = join(sb.workDir, 'copy.ipa');
    await copyFileStreamed(from, to);
    expect(readFileSync(to).equals(readFileSync(from))).toBe(true);
    expect(readdirSync(sb.workDir)).toEqual(['copy.ipa']);
  });

  it('leaves neither the target nor a .partial when the source is missing or the copy is aborted', async () => {
    const sb = createBuildSandbox('akc-kit-');
    await expect(copyFileStreamed(join(sb.projectDir, 'gone'), join(sb.workDir, 'x'))).rejects.toThrow();
    writeFileSync(join(sb.projectDir, 'a'), 'a');
    const abort = new AbortController();
    abort.abort();
    await expect(
      copyFileStreamed(join(sb.projectDir, 'a'), join(sb.workDir, 'y'), abort.signal),
    ).rejects.toThrow();
    expect(readdirSync(sb.workDir)).toEqual([]);
  });
});
