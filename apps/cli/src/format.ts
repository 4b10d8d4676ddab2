import type { DeliveryMetrics, EventRow, StatusResult, SubmitResult, VerifyResult } from '@akc/core';

const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
const dur = (ms: number | null) =>
  ms === null ? 'n/a' : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;

export function formatSubmit(r: SubmitResult): string {
  const lines = [
    `delivery ${r.delivery_id}: ${r.session_phase}`,
    `  dir: ${r.delivery_dir}`,
    `  goal: ${r.parsed.app_goal}`,
    `  platforms: ${r.parsed.requested_platforms.join(', ')}   mode: ${r.parsed.delivery_mode}   recipients: ${r.parsed.recipient_set.length}`,
    `  preflight: ${r.preflight_ok ? 'ok' : `${r.preflight_issues.length} issue(s)`}   missing human inputs: ${r.required_human_inputs_count}`,
  ];
  for (const i of r.preflight_issues)
    lines.push(
      `    - ${i.platform}/${i.lane} (${i.adapter_kind}): ${i.reason}${i.fix ? `\n      fix: ${i.fix}` : ''}`,
    );
  const relaxed = r.warnings.filter((w) => w.startsWith('relaxed preflight let'));
  for (const w of r.warnings) if (!w.startsWith('relaxed preflight let')) lines.push(`  warning: ${w}`);
  if (relaxed.length > 0) {
    lines.push(
      `  warning: relaxed preflight let ${relaxed.length} problem(s) through (AKC_DELIVERY_RELAX_ADAPTER_PREFLIGHT); run without it to see each one`,
    );
  }
  return lines.join('\n');
}

export function formatMetrics(m: DeliveryMetrics): string[] {
  return [
    `  funnel: accepted ${pct(m.invite_acceptance_rate)}   installed ${pct(m.install_rate)}   active ${pct(m.activation_rate)}`,
    `  timing: first invite ${dur(m.request_to_invite_sent_ms)}   first active ${dur(m.request_to_first_active_ms)}   store live ${dur(m.request_to_store_live_ms)}`,
  ];
}

export function formatStatus(r: StatusResult, showRecipients: boolean): string {
  const s = r.session;
  const lines = [
    `delivery ${r.delivery_id}: ${s.session_phase}`,
    `  version ${s.delivery_version}   mode ${s.release_mode}   platforms ${s.platforms.join(', ')}   revision ${s.revision}`,
    `  pipeline: ${Object.entries(s.pipeline)
      .map(([k, v]) => `${k}=${v.status}`)
      .join('  ')}`,
  ];
  for (const [p, ch] of Object.entries(s.per_platform))
    lines.push(`  ${p}: beta=${ch.channels.beta.status} store=${ch.channels.store.status}`);
  if (s.blocked_reason)
    lines.push(
      `  blocked: ${s.blocked_reason.split('; ').length} preflight issue(s); \`akc deliver status --json\` lists them`,
    );
  if (s.release_mode === 'both')
    lines.push(
      `  gate: ${s.human_readiness_gate.status}   plan: ${s.distribution_plan?.current_phase ?? 'n/a'}`,
    );
  const counts = new Map<string, number>();
  for (const rec of Object.values(s.per_recipient)) counts.set(rec.status, (counts.get(rec.status) ?? 0) + 1);
  lines.push(
    `  recipients: ${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')} (of ${s.activation_proof.recipients_total})`,
  );
  lines.push(...formatMetrics(r.metrics));
  if (showRecipients) {
    for (const [email, rec] of Object.entries(s.per_recipient)) {
      const plats = Object.entries(rec.platforms)
        .map(
          ([p, st]) =>
            `${p}:${st.provider_proof === 'satisfied' ? 'P' : '-'}${st.app_proof === 'satisfied' ? 'A' : '-'}`,
        )
        .join(' ');
      lines.push(`    ${rec.status.padEnd(9)} ${email}  ${plats}`);
    }
  }
  return lines.join('\n');
}

export function formatEvent(e: EventRow): string {
  return `${String(e.seq).padStart(6)}  ${new Date(e.occurred_at_unix_ms).toISOString()}  ${e.event_type}  ${JSON.stringify(e.payload)}`;
}

export function formatVerify(r: VerifyResult): string {
  const lines = [
    `delivery ${r.delivery_id}: ${r.ok ? 'intact' : 'NOT intact'}`,
    `  events: ${r.events.rows} rows, last seq ${r.events.last_seq}, chain ${r.events.ok ? 'ok' : 'broken'}`,
    `  evidence: ${r.evidence.rows} rows, chain ${r.evidence.ok ? 'ok' : 'broken'}`,
  ];
  for (const p of [...r.events.problems, ...r.evidence.problems]) lines.push(`    - ${p}`);
  for (const [k, v] of Object.entries(r.documents)) if (v !== 'ok') lines.push(`  ${k}: ${v}`);
  return lines.join('\n');
}
