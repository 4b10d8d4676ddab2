import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { akcError } from '../errors/akc-error';
import { fsyncDir, writeAndSync } from './atomic-write';
import { deliveryPaths, deliveryRoot, type DeliveryPaths } from './paths';
import { chainRows, logHeaderText, LOG_TRAILER, GENESIS_HASH } from './json-log';
import {
  DOC_FILES,
  DOC_VALIDATORS,
  LOGS,
  PRIVATE_DOCS,
  assertValid,
  type InitialDocName,
  type InitialDocs,
} from './documents';
import type { StoreIO, EventBody } from './transaction';
import type { EventRow } from '../schemas/sidecars';
import { stringifyDoc } from '../util/stringify-doc';

const STAGING_PREFIX = '.staging-';
const STALE_STAGING_MS = 10 * 60 * 1000;

/**
 * Create a delivery all-or-nothing: every document is validated, written and fsynced in a hidden
 * staging folder, which is then renamed into place. On any failure the staging folder is removed,
 * so no orphan or half-filled delivery folder is ever visible.
 */
export function createDeliveryFiles(
  projectDir: string,
  docs: InitialDocs,
  events: EventBody[],
  io: StoreIO,
): { paths: DeliveryPaths; events: EventRow[] } {
  const paths = deliveryPaths(projectDir, docs.request.delivery_id);
  for (const name of Object.keys(docs) as InitialDocName[])
    assertValid(name, DOC_VALIDATORS[name], docs[name]);
  const redact = io.redact ?? ((t: string) => t);
  const created = docs.request.created_at_unix_ms;
  const id = docs.request.delivery_id;
  const eventRows = chainRows(
    { lastSeq: 0, lastHash: GENESIS_HASH },
    events.map(
      (e) =>
        JSON.parse(
          redact(
            JSON.stringify({
              schema: 'akc.delivery_event_envelope.v1',
              delivery_id: id,
              event_type: e.event_type,
              occurred_at_unix_ms: created,
              payload: e.payload,
            }),
          ),
        ) as Record<string, unknown>,
    ),
  );
  for (const row of eventRows) assertValid('events row', LOGS.events.validate, row);

  const root = deliveryRoot(projectDir);
  mkdirSync(root, { recursive: true });
  cleanStaleStaging(root, io.now());
  if (existsSync(paths.dir))
    throw akcError('ESCHEMA', { kind: 'delivery', reason: `delivery ${id} already exists` });
  const staging = join(root, `${STAGING_PREFIX}${id}-${randomBytes(4).toString('hex')}`);
  mkdirSync(staging);
  try {
    for (const name of Object.keys(docs) as InitialDocName[]) {
      const file = join(staging, paths[DOC_FILES[name]].slice(paths.dir.length + 1));
      const text = stringifyDoc(docs[name]);
      const priv = PRIVATE_DOCS.has(name);
      writeAndSync(file, priv ? text : redact(text), priv ? 0o600 : 0o644);
    }
    writeLog(
      join(staging, 'events.json'),
      { schema_version: 1, schema_id: LOGS.events.schemaId, delivery_id: id, created_at_unix_ms: created },
      'events',
      eventRows,
    );
    writeLog(
      join(staging, 'activation_evidence.json'),
      { schema_version: 1, schema_id: LOGS.evidence.schemaId, delivery_id: id, created_at_unix_ms: created },
      'records',
      [],
    );
    fsyncDir(staging);
    renameSync(staging, paths.dir);
    fsyncDir(root);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  return { paths, events: eventRows as unknown as EventRow[] };
}

function writeLog(file: string, header: Record<string, unknown>, key: string, rows: object[]): void {
  let text = logHeaderText(header, key);
  rows.forEach((r, i) => {
    text += `${i === 0 ? '' : ','}${JSON.stringify(r)}\n`;
  });
  writeAndSync(file, text + LOG_TRAILER);
}

/** Remove staging folders left by a crash during creation (older than ten minutes). */
function cleanStaleStaging(root: string, now: number): void {
  for (const name of readdirSync(root)) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const full = join(root, name);
    try {
      if (now - statSync(full).mtimeMs > STALE_STAGING_MS) rmSync(full, { recursive: true, force: true });
    } catch {
      // raced with another cleaner
    }
  }
}
