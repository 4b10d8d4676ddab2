import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENT_SCHEMAS } from '../src/schemas';
import * as validators from '../src/generated/validators';
import { createFixture } from './control-plane/fixtures';

// tools/gen-schemas.js is plain JS run by the build; it turns these TypeBox schemas into the
// published JSON Schemas and the precompiled validators.
// eslint-disable-next-line @typescript-eslint/no-require-imports, @nx/enforce-module-boundaries
const { generate } = require('../../../tools/gen-schemas.js') as { generate: () => Record<string, string> };

describe('document schemas', () => {
  it('the JSON Schemas and validators in the repo are exactly what the TypeBox sources generate', () => {
    for (const [file, text] of Object.entries(generate())) {
      expect({ file, text: readFileSync(file, 'utf8') }).toEqual({ file, text });
    }
  });

  it.each(Object.keys(DOCUMENT_SCHEMAS))('%s JSON Schema matches the snapshot', (kind) => {
    const text = readFileSync(join(__dirname, '../schemas', `${kind}.schema.json`), 'utf8');
    expect(JSON.parse(text)).toMatchSnapshot();
  });

  it('rejects an unsafe delivery id in every document and a session without pipeline.compile (15.85, 15.86)', () => {
    const f = createFixture();
    const docs = {
      delivery_request: f.store.read('request'),
      delivery_session: f.store.read('session'),
      delivery_recipients: f.store.read('recipients'),
      delivery_provider_state: f.store.read('providerState'),
    } as const;
    for (const [kind, doc] of Object.entries(docs)) {
      const v = validators[kind as keyof typeof docs];
      expect(v(doc)).toBe(true);
      for (const id of ['../evil', '.', '..', 'a/b', 'a\\b', 'x'.repeat(129), 'é', '']) {
        expect(v({ ...doc, delivery_id: id })).toBe(false);
        expect(v.errors?.[0]?.instancePath).toBe('/delivery_id');
      }
    }
    const session = structuredClone(docs.delivery_session) as unknown as {
      pipeline: Record<string, unknown>;
    };
    delete session.pipeline.compile;
    expect(validators.delivery_session(session)).toBe(false);
    expect(validators.delivery_session.errors?.[0]?.params).toEqual({ missingProperty: 'compile' });
  });
});

describe('runtime footprint', () => {
  it('loading @akc/core does not load TypeBox (a build-time dependency) or any provider SDK', () => {
    const out = execFileSync(
      process.execPath,
      ['-e', "require('./dist/index.js'); console.log(JSON.stringify(Object.keys(require.cache)))"],
      { cwd: join(__dirname, '..'), encoding: 'utf8' },
    );
    const loaded = JSON.parse(out) as string[];
    expect(loaded.filter((f) => /typebox|googleapis|google-auth|firebase|oclif/.test(f))).toEqual([]);
  });
});
