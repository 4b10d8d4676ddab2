import { createHash } from 'node:crypto';
import { escapeHtml as esc, groupDigits } from './safe-text';
import type { ReportEvidence, ReportFunnel, ReportLane, ReportModel, ReportRecipient } from './model';

const STYLE = `
:root{color-scheme:light;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa;--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--bar:#0969da}
*{box-sizing:border-box}
body{margin:0;padding:24px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1200px;margin:0 auto}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:17px;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
.muted,.na{color:var(--muted)}
code,.mono,time{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
time,td.nw{white-space:nowrap;overflow-wrap:normal}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:12px 0}
dl.meta dt{color:var(--muted)}
dl.meta dd{margin:0;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;vertical-align:top;padding:5px 8px;border-bottom:1px solid var(--line)}
th{background:var(--soft);position:sticky;top:0}
td{overflow-wrap:anywhere}
.b{display:inline-block;padding:0 6px;border-radius:9px;border:1px solid var(--line);font-size:12px;white-space:nowrap}
.s-active,.s-satisfied,.s-completed,.s-complete,.s-live,.s-passed{color:var(--ok);border-color:var(--ok)}
.s-installed,.s-partial,.s-invited,.s-dry_run,.s-in_progress,.s-submitted,.s-in_review{color:var(--warn);border-color:var(--warn)}
.s-failed,.s-blocked{color:var(--bad);border-color:var(--bad)}
ul.ev{list-style:none;margin:4px 0 0;padding:0}
ul.ev li{color:var(--muted);font-size:12px}
.pf{margin-bottom:6px}
.pf:last-child{margin-bottom:0}
.note{padding:8px 12px;background:var(--soft);border-left:3px solid var(--warn);margin:8px 0}
figure{margin:8px 0}
figcaption{color:var(--muted);font-size:12px}
svg .track{fill:var(--soft);stroke:var(--line)}
svg .bar{fill:var(--bar)}
svg text{font:13px system-ui,sans-serif;fill:var(--fg)}
svg text.val{font-weight:600}
input[type=search]{padding:4px 8px;width:320px;max-width:100%;font:inherit}
tr[hidden]{display:none}
@media print{body{padding:0}th{position:static}input{display:none}}
`;

const SCRIPT =
  "(function(){var i=document.getElementById('recipient-filter');var b=document.querySelector('#recipients tbody');" +
  "if(!i||!b)return;i.addEventListener('input',function(){var q=i.value.trim().toLowerCase();var n=0;" +
  'for(var r=b.firstElementChild;r;r=r.nextElementSibling){var h=q!==""&&r.textContent.toLowerCase().indexOf(q)<0;' +
  "r.hidden=h;if(!h)n++}var c=document.getElementById('recipient-count');if(c)c.textContent=String(n)})})();";

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * A strict policy: nothing may load from anywhere (no network, no file), only this page's own
 * style and script run. Defence in depth on top of escaping every value.
 */
const CSP = [
  "default-src 'none'",
  `style-src ${sha256(STYLE)}`,
  `script-src ${sha256(SCRIPT)}`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function time(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '<span class="na">—</span>';
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '<span class="na">—</span>';
  const iso = d.toISOString();
  return `<time datetime="${iso}">${iso.slice(0, 19).replace('T', ' ')}Z</time>`;
}

const badge = (status: string) =>
  `<span class="b s-${esc(status.replace(/[^a-z_]/g, ''))}">${esc(status)}</span>`;
const pct = (n: number, of: number) => (of === 0 ? 'n/a' : `${((n / of) * 100).toFixed(1)}%`);
const rate = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
const dur = (ms: number | null) =>
  ms === null ? 'n/a' : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;

const STAGES: ReadonlyArray<[keyof ReportFunnel, string]> = [
  ['recipients', 'Recipients'],
  ['invited', 'Invited'],
  ['opened_or_installed', 'Opened / installed'],
  ['first_run', 'First run'],
  ['active', 'Active'],
];

/** One-line funnel text, e.g. `3 recipients, 3 invited (100.0%), ...`. */
export function funnelLine(f: ReportFunnel): string {
  return STAGES.map(([key, label], i) =>
    i === 0
      ? `${groupDigits(f[key])} recipients`
      : `${groupDigits(f[key])} ${label.toLowerCase()} (${pct(f[key], f.recipients)})`,
  ).join(', ');
}

function funnelChart(f: ReportFunnel): string {
  const rowH = 40;
  const labelW = 150;
  const barW = 440;
  const width = labelW + barW + 130;
  const height = STAGES.length * rowH + 8;
  const desc = STAGES.map(([k, label]) => `${label}: ${groupDigits(f[k])} (${pct(f[k], f.recipients)})`).join(
    '; ',
  );
  const rows = STAGES.map(([key, label], i) => {
    const n = f[key];
    const y = 4 + i * rowH;
    const w = f.recipients === 0 || n === 0 ? 0 : Math.max(2, Math.round((n / f.recipients) * barW));
    const value = `${groupDigits(n)} · ${pct(n, f.recipients)}`;
    return (
      `<g class="stage" data-stage="${key}"><title>${esc(`${label}: ${groupDigits(n)} of ${groupDigits(f.recipients)} recipients (${pct(n, f.recipients)})`)}</title>` +
      `<text x="0" y="${y + 21}">${esc(label)}</text>` +
      `<rect class="track" x="${labelW}" y="${y + 4}" width="${barW}" height="${rowH - 12}" rx="3"/>` +
      `<rect class="bar" x="${labelW}" y="${y + 4}" width="${w}" height="${rowH - 12}" rx="3"/>` +
      `<text class="val" x="${labelW + barW + 10}" y="${y + 21}">${esc(value)}</text></g>`
    );
  }).join('');
  return (
    `<figure id="funnel"><svg role="img" aria-labelledby="funnel-title funnel-desc" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<title id="funnel-title">Recipient funnel</title><desc id="funnel-desc">${esc(desc)}</desc>${rows}</svg>` +
    '<figcaption>Each stage counts the recipients who reached it or a later one; percentages are of all recipients. ' +
    'Opened / installed: a web invite was opened or a provider saw an install. Active: provider proof and app proof on every platform.</figcaption></figure>'
  );
}

function evidenceItem(e: ReportEvidence): string {
  const parts = [`<span class="mono">${esc(e.kind)}</span>`];
  if (e.count > 1) parts.push(`×${groupDigits(e.count)}`);
  parts.push(e.source === null ? 'source unknown' : `via ${esc(e.source)}`);
  if (e.at_unix_ms !== null) parts.push(`${e.kind === 'heartbeat' ? 'last ' : ''}${time(e.at_unix_ms)}`);
  if (e.app_version !== null) parts.push(`app ${esc(e.app_version)}`);
  return `<li>${parts.join(' · ')}</li>`;
}

function recipientRow(r: ReportRecipient, platforms: readonly string[]): string {
  const cells = platforms.map((p) => {
    const st = r.platforms.find((x) => x.platform === p);
    if (!st) return '<td class="na">not in scope</td>';
    const lines = [
      `<div class="pf">provider ${badge(st.provider_proof)} app ${badge(st.app_proof)}</div>`,
      `<div class="muted">invited ${time(st.invited_at_unix_ms)}</div>`,
    ];
    if (st.evidence.length > 0) lines.push(`<ul class="ev">${st.evidence.map(evidenceItem).join('')}</ul>`);
    else lines.push('<div class="na">no evidence yet</div>');
    if (st.last_heartbeat_at_unix_ms !== null || (st.heartbeat_count ?? 0) > 0) {
      lines.push(
        `<div class="muted">heartbeat ${time(st.last_heartbeat_at_unix_ms)} · count ${groupDigits(st.heartbeat_count ?? 0)}` +
          `${st.last_active === null ? '' : st.last_active ? ' · active' : ' · inactive'}` +
          `${st.last_app_version ? ` · app ${esc(st.last_app_version)}` : ''}</div>`,
      );
    }
    for (const x of st.extra)
      lines.push(
        `<div class="muted">${esc(x.label)} ${x.at_unix_ms !== null ? time(x.at_unix_ms) : esc(x.value)}</div>`,
      );
    return `<td>${lines.join('')}</td>`;
  });
  return (
    `<tr><td class="mono">${esc(r.email)}</td><td>${badge(r.status)}<div class="muted">${time(r.status_changed_at_unix_ms)}</div></td>` +
    `<td>${badge(r.proof_status)}<div class="muted">provider ${esc(r.provider_proof)}, app ${esc(r.app_proof)}</div></td>` +
    `<td>${time(r.last_invite_sent_at_unix_ms)}${r.resend_count > 0 ? `<div class="muted">resends ${groupDigits(r.resend_count)}</div>` : ''}</td>` +
    `${cells.join('')}</tr>`
  );
}

function laneRow(l: ReportLane): string {
  const refs =
    l.refs.length === 0
      ? '<span class="na">—</span>'
      : l.refs
          .map(
            ([k, v]) => `<div><span class="muted">${esc(k)}</span> <span class="mono">${esc(v)}</span></div>`,
          )
          .join('');
  const notes = [
    ...(l.store_status !== null ? [`store listing ${badge(l.store_status)}`] : []),
    ...(l.error !== null ? [`<div class="s-failed">${esc(l.error)}</div>`] : []),
    ...l.problems.map((p) => `<div>${esc(p)}</div>`),
  ];
  return (
    `<tr><td>${esc(l.platform)}</td><td>${esc(l.lane)}</td><td>${badge(l.status)}</td>` +
    `<td>${l.outcome === null ? '<span class="na">—</span>' : badge(l.outcome)}</td>` +
    `<td class="mono">${l.adapter === null ? '<span class="na">—</span>' : esc(l.adapter)}</td><td>${refs}</td>` +
    `<td>${time(l.updated_at_unix_ms)}</td><td>${notes.join('') || '<span class="na">—</span>'}</td></tr>`
  );
}

/**
 * The delivery report as one self-contained HTML page: inline CSS, an inline SVG funnel, one
 * small inline script (recipient filter) allowed by hash in a Content-Security-Policy that
 * forbids loading anything. Every value is HTML-escaped; the model is already free of links and
 * tokens (see `buildReportModel`).
 */
export function renderDeliveryReport(model: ReportModel): string {
  const d = model.delivery;
  const m = model.metrics;
  const platforms = d.platforms;
  const ev = model.events;
  const out: string[] = [];
  out.push(
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${esc(`Delivery report ${d.id}`)}</title>`,
    `<style>${STYLE}</style></head><body><main>`,
    `<header><h1>Delivery report</h1><div class="mono" id="delivery-id">${esc(d.id)}</div>`,
    '<dl class="meta">',
    `<dt>Request</dt><dd id="request-summary">${esc(d.request_summary)}</dd>`,
    ...(d.app_goal !== '' && d.app_goal !== d.request_summary
      ? [`<dt>Goal</dt><dd>${esc(d.app_goal)}</dd>`]
      : []),
    `<dt>Release mode</dt><dd>${esc(d.release_mode)}</dd>`,
    `<dt>Platforms</dt><dd>${esc(platforms.join(', '))}</dd>`,
    `<dt>Phase</dt><dd>${badge(d.phase)}${d.blocked_reason ? ` <span class="muted">${esc(d.blocked_reason)}</span>` : ''}</dd>`,
    `<dt>Version</dt><dd>${esc(d.version)} <span class="muted">(revision ${d.revision})</span></dd>`,
    `<dt>Activation</dt><dd>${badge(d.activation)}</dd>`,
    ...(d.gate === 'not_applicable'
      ? []
      : [
          `<dt>Readiness gate</dt><dd>${badge(d.gate)} ${d.gate_passed_at_unix_ms !== null ? time(d.gate_passed_at_unix_ms) : ''}</dd>`,
        ]),
    `<dt>Created</dt><dd>${time(d.created_at_unix_ms)}</dd>`,
    `<dt>Updated</dt><dd>${time(d.updated_at_unix_ms)}</dd>`,
    `<dt>Report generated</dt><dd>${time(model.generated_at_unix_ms)}</dd>`,
    '</dl></header>',
  );

  out.push('<section aria-labelledby="h-funnel"><h2 id="h-funnel">Funnel</h2>', funnelChart(model.funnel));
  out.push(
    '<dl class="meta">',
    `<dt>Rates</dt><dd>accepted ${rate(m.invite_acceptance_rate)} · installed ${rate(m.install_rate)} · active ${rate(m.activation_rate)}</dd>`,
    `<dt>Time from request</dt><dd>first invite ${dur(m.request_to_invite_sent_ms)} · first active ${dur(m.request_to_first_active_ms)} · store live ${dur(m.request_to_store_live_ms)}</dd>`,
    '</dl></section>',
  );

  out.push(
    '<section aria-labelledby="h-recipients"><h2 id="h-recipients">Recipients</h2>',
    `<p><label>Filter <input type="search" id="recipient-filter" placeholder="address or status" aria-controls="recipients"></label> ` +
      `<span class="muted"><span id="recipient-count">${groupDigits(model.recipients.length)}</span> of ${groupDigits(model.recipients.length)} shown · ${groupDigits(model.evidence_total)} evidence records</span></p>`,
    '<table id="recipients"><thead><tr><th scope="col">Recipient</th><th scope="col">Status</th><th scope="col">Proof</th><th scope="col">Invite sent</th>',
    ...platforms.map((p) => `<th scope="col">${esc(p)}</th>`),
    '</tr></thead><tbody>',
  );
  for (const r of model.recipients) out.push(recipientRow(r, platforms));
  out.push('</tbody></table></section>');

  out.push(
    '<section aria-labelledby="h-lanes"><h2 id="h-lanes">Lanes</h2>',
    '<table id="lanes"><thead><tr><th scope="col">Platform</th><th scope="col">Lane</th><th scope="col">Status</th><th scope="col">Outcome</th><th scope="col">Adapter</th><th scope="col">Provider refs</th><th scope="col">Updated</th><th scope="col">Notes</th></tr></thead><tbody>',
    ...model.lanes.map(laneRow),
    '</tbody></table></section>',
  );

  out.push('<section aria-labelledby="h-events"><h2 id="h-events">Event timeline</h2>');
  if (ev.omitted > 0) {
    out.push(
      `<p class="note" id="events-omitted">Showing the newest ${groupDigits(ev.shown.length)} of ${groupDigits(ev.total)} events; ` +
        `${groupDigits(ev.omitted)} older events (seq 1 to ${groupDigits(ev.shown[0] ? ev.shown[0].seq - 1 : ev.omitted)}) are omitted. ` +
        '<code>akc deliver events --delivery-id ID</code> prints them all.</p>',
    );
  } else out.push(`<p class="muted">${groupDigits(ev.total)} events.</p>`);
  out.push(
    '<table id="events"><thead><tr><th scope="col">Seq</th><th scope="col">Time</th><th scope="col">Type</th><th scope="col">Summary</th></tr></thead><tbody>',
  );
  for (const e of ev.shown)
    out.push(
      `<tr><td class="mono">${e.seq}</td><td>${time(e.at_unix_ms)}</td><td class="mono nw">${esc(e.type)}</td><td class="mono">${esc(e.summary)}</td></tr>`,
    );
  out.push('</tbody></table></section>');
  out.push(`</main><script>${SCRIPT}</script></body></html>\n`);
  return out.join('\n');
}
