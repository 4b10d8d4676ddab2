import type { PackagingResult } from '@akc/core';

const JOURNEY: Record<PackagingResult['journey'], string> = {
  executed_distribution: 'executed_distribution (artifacts are authoritative and ready to distribute)',
  inspectable_plan: 'inspectable_plan (nothing to distribute: plans were written instead of builds)',
  blocked: 'blocked (packaging preflight failed; nothing was built)',
  failed: 'failed',
};

export function formatPackaging(r: PackagingResult): string {
  const lines = [`packaging (${r.mode}${r.enforced ? ', strict preflight' : ''}): ${JOURNEY[r.journey]}`];
  for (const i of r.preflight_issues) lines.push(`  - ${i.platform}: ${i.reason}\n    fix: ${i.fix}`);
  for (const row of Object.values(r.per_platform)) {
    if (!row) continue;
    const head = `  ${row.platform}: ${row.ok ? 'ok' : 'FAILED'} via ${row.lane_id}@${row.lane_version ?? '?'} (${row.lane_origin ?? '?'}) ${row.execution_mode ?? ''} ${row.artifact_authority ?? ''}`;
    lines.push(head.trimEnd());
    for (const a of row.artifacts) lines.push(`    ${a.kind} ${a.path} ${a.bytes} bytes sha256 ${a.sha256}`);
    if (row.deploy) lines.push(`    deploy: ${row.deploy.method} ${row.deploy.hosting_url ?? ''}`.trimEnd());
    if (row.fallback_reason) lines.push(`    planned instead of built: ${row.fallback_reason}`);
    if (row.error) lines.push(`    error: ${row.error}`);
  }
  return lines.join('\n');
}
