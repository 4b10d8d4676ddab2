import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { submitDelivery, type ControlPlaneIO, type SubmitInput } from '@akc/core';
import type { DeliveryRow } from '../src';

const created: string[] = [];
afterAll(() => {
  for (const d of created.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'akc-ops-'));
  created.push(d);
  return d;
}

/** `<root>/<tenant>/<repo>` with a project.json that scopes it (or `config` verbatim). */
export function scopedProject(
  root: string,
  tenant = 'acme',
  repo = 'web',
  config: unknown = { outputs_root: root, tenant_id: tenant, repo_id: repo },
): string {
  const dir = join(root, tenant, repo);
  mkdirSync(join(dir, '.akc'), { recursive: true });
  writeFileSync(join(dir, '.akc', 'project.json'), JSON.stringify(config));
  return dir;
}

export function testIO(
  env: ControlPlaneIO['env'] = { AKC_DELIVERY_RELAX_ADAPTER_PREFLIGHT: '1' },
): ControlPlaneIO {
  return { cwd: process.cwd(), homeDir: tmpdir(), env, now: () => Date.now() };
}

/** A real delivery created by core (relaxed preflight). */
export function submit(projectDir: string, input: Partial<SubmitInput> = {}): string {
  return submitDelivery(testIO(), {
    projectDir,
    request: 'Beta of the notes app',
    recipients: ['a@x.com', 'b@x.com'],
    platforms: 'web',
    ...input,
  }).delivery_id;
}

/** A synthetic row for index tests. */
export function row(over: Partial<DeliveryRow> & { delivery_id: string }): DeliveryRow {
  const tenant = over.tenant_id ?? 'acme';
  const repo = over.repo_id ?? 'web';
  const dir = `${tenant}/${repo}/.akc/delivery/${over.delivery_id}`;
  return {
    tenant_id: tenant,
    repo_id: repo,
    updated_at_ms: 1_000,
    created_at_ms: 500,
    session_phase: 'accepted',
    release_mode: 'beta',
    compile_run_id: null,
    session_rel_path: `${dir}/session.json`,
    events_rel_path: `${dir}/events.json`,
    recipient_count: 2,
    recipients: { invited: 1, installed: 0, active: 1 },
    gate_status: 'not_applicable',
    platforms: ['web', 'ios'],
    metrics: {
      request_to_invite_sent_ms: 12,
      request_to_first_active_ms: null,
      request_to_store_live_ms: null,
      invite_acceptance_rate: 0.5,
      install_rate: 1,
      activation_rate: 0,
    },
    ...over,
  };
}
