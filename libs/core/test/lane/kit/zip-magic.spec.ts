import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasZipMagic } from '../../../src/lane/kit';
import { cleanupSandboxes, createBuildSandbox, makeStoredZip } from '../../../src/testing';

afterEach(cleanupSandboxes);

describe('lane kit: hasZipMagic', () => {
  it('accepts a zip and rejects an HTML page, a short file and an empty file', () => {
    const sb = createBuildSandbox('akc-kit-');
    const file = (name: string, content: string | Buffer) => {
      writeFileSync(join(sb.projectDir, name), content);
      return join(sb.projectDir, name);
    };
    expect(hasZipMagic(file('a.ipa', makeStoredZip('Payload/App.app/Info.plist', 'x')))).toBe(true);
    expect(hasZipMagic(file('b.ipa', '<html>Access denied</html>'))).toBe(false);
    expect(hasZipMagic(file('c.ipa', 'PK'))).toBe(false);
    expect(hasZipMagic(file('d.ipa', ''))).toBe(false);
    expect(existsSync(join(sb.projectDir, 'a.ipa'))).toBe(true);
  });

  it('throws for a missing file (callers check existence first)', () => {
    expect(() => hasZipMagic('/nonexistent/akc/app.ipa')).toThrow();
  });
});
