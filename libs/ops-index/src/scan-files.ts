import { existsSync, readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { DeliveryStore, deliveryRoot, isAkcError } from '@akc/core';
import { buildDeliveryRow } from './delivery-row';
import { isSafeSegment, type OpsScope } from './scope';
import type { DeliveryRow } from './types';

/** A delivery folder that could not be indexed, and why. */
export interface SkippedDelivery {
  repo_id: string;
  delivery_id: string;
  path: string;
  reason: string;
}

/** Rows read from delivery files, plus the folders that could not be read. */
export interface ScanResult {
  rows: DeliveryRow[];
  skipped: SkippedDelivery[];
}

const readOnlyIO = { now: () => Date.now() };

/**
 * Re-read one delivery's request and session from its files (validated by core's store) and
 * build its index row.
 * @throws AkcError ENOTFOUND, ECORRUPT or EDELIVERYID when the files cannot be used.
 */
export function readDeliveryRow(
  projectDir: string,
  where: { tenantId: string; repoId: string },
  deliveryId: string,
): DeliveryRow {
  const store = new DeliveryStore(projectDir, deliveryId, readOnlyIO);
  store.assertExists();
  return buildDeliveryRow(where, store.read('request'), store.read('session'));
}

function listDir(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/**
 * Every delivery under `<projectDir>/.akc/delivery/*` (files such as operator_prereqs.json and
 * hidden entries are not deliveries and are ignored; unreadable deliveries are reported).
 */
export function scanProjectDeliveries(
  projectDir: string,
  where: { tenantId: string; repoId: string },
): ScanResult {
  const root = deliveryRoot(projectDir);
  const out: ScanResult = { rows: [], skipped: [] };
  for (const entry of listDir(root).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.') || entry.isFile()) continue;
    const skip = (reason: string) =>
      out.skipped.push({
        repo_id: where.repoId,
        delivery_id: entry.name,
        path: join(root, entry.name),
        reason,
      });
    if (!entry.isDirectory()) {
      skip('not a directory (symbolic links are not followed)');
      continue;
    }
    try {
      out.rows.push(readDeliveryRow(projectDir, where, entry.name));
    } catch (e) {
      skip(isAkcError(e) ? `${e.code} ${e.message}` : (e as Error).message);
    }
  }
  return out;
}

/**
 * Every delivery of every repo of a tenant: `<outputs_root>/<tenant>/<repo>/.akc/delivery/*`.
 * Repo folders without `.akc/delivery` are not repos of this tool and are ignored.
 */
export function scanTenantDeliveries(scope: OpsScope): ScanResult & { repos: string[] } {
  const out: ScanResult & { repos: string[] } = { rows: [], skipped: [], repos: [] };
  for (const entry of listDir(scope.tenantDir).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const repoDir = join(scope.tenantDir, entry.name);
    if (!existsSync(deliveryRoot(repoDir))) continue;
    if (!isSafeSegment(entry.name)) {
      out.skipped.push({
        repo_id: entry.name,
        delivery_id: '*',
        path: repoDir,
        reason: 'the repo folder name is not a safe id (A-Z a-z 0-9 _ . -, no "..")',
      });
      continue;
    }
    out.repos.push(entry.name);
    const r = scanProjectDeliveries(repoDir, { tenantId: scope.tenantId, repoId: entry.name });
    out.rows.push(...r.rows);
    out.skipped.push(...r.skipped);
  }
  return out;
}
