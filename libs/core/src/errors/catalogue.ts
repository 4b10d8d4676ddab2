/**
 * The one error catalogue. Every failure the control plane reports to a person has a stable
 * code here, a one-line message, a fix-it hint and an exit code. The CLI maps an `AkcError`
 * to stderr and its exit code in exactly one place (apps/cli/src/base-command.ts).
 *
 * Exit codes: 2 = refused or invalid input (nothing was changed), 1 = unexpected failure.
 */
export interface ErrorSpec {
  message: string;
  hint: string;
  exit: 1 | 2;
}

type Params = Record<string, unknown>;
const s = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

export const ERRORS = {
  EREQUEST: () => ({
    message: '--request is required',
    hint: 'Pass a plain-language goal, e.g. --request "Beta of the notes app".',
    exit: 2,
  }),
  ERECIPIENTSNONE: () => ({
    message: 'no recipients: recipients must come from --recipient and/or --recipients-file',
    hint: 'Name each person explicitly (--recipient dana@example.com); free text never defines recipients.',
    exit: 2,
  }),
  EEMAIL: (p: Params) => ({
    message: `invalid recipient email: '${s(p.raw)}'${p.reason ? ` (${s(p.reason)})` : ''}`,
    hint: 'Use a plain address such as dana@example.com (ASCII, one @, a dotted domain).',
    exit: 2,
  }),
  ERECIPIENTSFILE: (p: Params) => ({
    message: `recipients file ${s(p.path)}: ${s(p.reason)}`,
    hint:
      'A .json file must be an object with a "recipients" (or "emails") array of addresses; any other file ' +
      'holds one address per line, # starts a comment.',
    exit: 2,
  }),
  EPLATFORM: (p: Params) => ({
    message: `unsupported platform(s): ${s(p.bad)}; allowed: web, ios, android`,
    hint: 'Pass --platforms as a comma list of web, ios, android.',
    exit: 2,
  }),
  EPLATFORMNONE: () => ({
    message: 'at least one platform is required (--platforms web,ios,android)',
    hint: 'Pass --platforms with one or more of web, ios, android.',
    exit: 2,
  }),
  ERELEASEMODE: (p: Params) => ({
    message: `invalid release mode '${s(p.value)}'`,
    hint: 'Use --release-mode beta, store or both.',
    exit: 2,
  }),
  EVERSION: (p: Params) => ({
    message: `invalid delivery version '${s(p.value)}': ${s(p.reason)}`,
    hint: 'Use a semantic version such as 1.4.0 (a leading v, two parts and -beta/+build suffixes are accepted).',
    exit: 2,
  }),
  EDELIVERYID: (p: Params) => ({
    message: `invalid delivery_id '${s(p.value)}'`,
    hint: 'A delivery id is 1-128 characters of A-Z a-z 0-9 _ . - and not only dots; copy it from `akc deliver` output.',
    exit: 2,
  }),
  ENOTFOUND: (p: Params) => ({
    message: `missing delivery ${s(p.what)}: ${s(p.path)}`,
    hint: 'Check --delivery-id and --project-dir (list deliveries with `ls .akc/delivery`).',
    exit: 2,
  }),
  ECORRUPT: (p: Params) => ({
    message: `delivery file ${s(p.path)} is not valid: ${s(p.reason)}`,
    hint: 'The file was changed outside akc. Restore it from backup; `akc deliver verify` checks the event log.',
    exit: 2,
  }),
  ESCHEMA: (p: Params) => ({
    message: `refusing to write ${s(p.kind)}: ${s(p.reason)}`,
    hint: 'This is a bug or an invalid input value; nothing was written.',
    exit: 2,
  }),
  ENOTMEMBER: (p: Params) => ({
    message: `recipient '${s(p.email)}' is not part of this delivery`,
    hint: "Resend and activation only accept the delivery's named recipients (see `akc deliver status`).",
    exit: 2,
  }),
  EGATE: () => ({
    message: 'store promotion waits for the human readiness gate (release_mode both)',
    hint: 'After a successful beta wave, run `akc deliver gate-pass --delivery-id ID`, then promote.',
    exit: 2,
  }),
  EGATEMODE: () => ({
    message: 'human readiness gate applies only when release_mode is both',
    hint: 'Only deliveries created with --release-mode both have a gate.',
    exit: 2,
  }),
  EGATEBETA: (p: Params) => ({
    message: `human readiness gate cannot pass before a successful beta wave (${s(p.reason)})`,
    hint: 'Finish the beta wave first (see `akc deliver status`), then run gate-pass.',
    exit: 2,
  }),
  EPROMOTE: (p: Params) => ({
    message: `store promotion refused: ${s(p.reason)}`,
    hint: s(p.hint ?? 'See `akc deliver status` for the session state.'),
    exit: 2,
  }),
  EBLOCKED: (p: Params) => ({
    message: `delivery is blocked: ${s(p.reason)}`,
    hint: 'Fix the preflight issues listed by `akc deliver status`, then retry.',
    exit: 2,
  }),
  EJSON: (p: Params) => ({
    message: `${s(p.what)}: ${s(p.reason)}`,
    hint: s(p.hint ?? 'Pass one JSON object.'),
    exit: 2,
  }),
  EREPORT: (p: Params) => ({
    message: `activation report rejected: ${s(p.reason)}`,
    hint: s(
      p.hint ??
        'See activation_client_contract.v1.json for the fields: delivery_id, recipient_token_id, platform, ' +
          'app_version, first_run_at_unix_ms and/or heartbeat_at_unix_ms.',
    ),
    exit: 2,
  }),
  ESIGNATURE: (p: Params) => ({
    message: `invite signature verification failed: ${s(p.reason)}`,
    hint: 'Use the exact link from the invite; expired links need `akc deliver resend`.',
    exit: 2,
  }),
  EACTIVATIONTOKEN: (p: Params) => ({
    message: `activation report rejected: ${s(p.reason)}`,
    hint:
      "Send the recipient's own activation_token (akc_act in their invite link, handed to the app by the invite " +
      "landing) with every report; `akc deliver activation-link` re-issues a recipient's link.",
    exit: 2,
  }),
  EINVITEBASE: (p: Params) => ({
    message: `invalid web invite base URL: ${s(p.reason)}`,
    hint: 'Set AKC_DELIVERY_WEB_INVITE_BASE_URL (or web.invite_base_url in .akc/delivery/operator_prereqs.json) to an absolute https URL.',
    exit: 2,
  }),
  ETOOL: (p: Params) => ({
    message: `${s(p.tool)} failed: ${s(p.reason)}${Array.isArray(p.tail) && p.tail.length > 0 ? `\n  last output:\n    ${(p.tail as string[]).slice(-15).join('\n    ')}` : ''}`,
    hint: s(p.hint ?? 'Fix the build so it succeeds when run by hand in the project folder, then retry.'),
    exit: 2,
  }),
  ELANE: (p: Params) => ({
    message: `lane ${s(p.lane)}: ${s(p.reason)}`,
    hint: s(p.hint ?? 'See `akc deliver lanes` for what is registered and from where.'),
    exit: 2,
  }),
  EPACKAGING: (p: Params) => ({
    message: `packaging ${s(p.platform)} failed: ${s(p.reason)}`,
    hint: s(
      p.hint ?? 'Fix the problem, then run the delivery again; `--packaging-mode plan` shows what would run.',
    ),
    exit: 2,
  }),
  ESANDBOX: (p: Params) => ({
    message: `sandbox: ${s(p.reason)}`,
    hint: s(p.hint ?? 'Start one with `akc sandbox start` (`akc sandbox status` shows what runs).'),
    exit: 2,
  }),
  ECOMPILE: (p: Params) => ({
    message: `compile failed: ${s(p.reason)}`,
    hint: 'Run the compile command by hand in the project dir to see its full output; change it with AKC_COMPILE_CMD or compile.command in .akc/config.json.',
    exit: 2,
  }),
  EHANDOFF: (p: Params) => ({
    message: `compile output ${s(p.path)}: ${s(p.reason)}`,
    hint: 'Re-run the compile; delivery reads only compile outputs inside the project dir.',
    exit: 2,
  }),
  ELOCKED: (p: Params) => ({
    message: `delivery ${s(p.id)} is busy: another akc command holds its lock (${s(p.holder)})`,
    hint: 'Wait for the other command to finish and retry.',
    exit: 1,
  }),
  EPROJECTCONFIG: (p: Params) => ({
    message: `project config ${s(p.path)} is invalid: ${s(p.reason)}`,
    hint: 'Fix the named file: .akc/project.json (optional tenant_id, repo_id, outputs_root strings), .akc/project.yaml (flat key: value lines) or .akc/config.json.',
    exit: 2,
  }),
  ENOTSCOPED: (p: Params) => ({
    message: `${s(p.what)} needs a project scoped to a tenant: ${s(p.reason)}`,
    hint:
      'Put {"outputs_root": "<dir>", "tenant_id": "<tenant>", "repo_id": "<repo>"} in .akc/project.json and run ' +
      'from <outputs_root>/<tenant>/<repo> (tenant and repo default to "local").',
    exit: 2,
  }),
  EFILTER: (p: Params) => ({
    message: `invalid ${s(p.flag)} '${s(p.value)}': ${s(p.reason)}`,
    hint: s(p.hint ?? 'Pass an ISO date (2026-05-01 or 2026-05-01T12:00:00Z) or unix milliseconds.'),
    exit: 2,
  }),
  EOPSINDEX: (p: Params) => ({
    message: `operations index ${s(p.path)} cannot be used: ${s(p.reason)}`,
    hint: s(
      p.hint ??
        'The delivery files are the source of truth: `akc deliver reindex` rebuilds the index from them.',
    ),
    exit: 2,
  }),
  EOUTDIR: (p: Params) => ({
    message: `cannot write ${s(p.path)}: the folder ${s(p.dir)} ${s(p.reason)}`,
    hint: 'Pass --out as a file in an existing, writable folder (e.g. --out ./report.html), or --out - for stdout.',
    exit: 2,
  }),
  EOUTISDIR: (p: Params) => ({
    message: `--out ${s(p.path)} is a folder, not a file`,
    hint: 'Name the file to write, e.g. --out report.html inside that folder.',
    exit: 2,
  }),
  EOUTSTDOUT: () => ({
    message: '--out - and --json both write to stdout',
    hint: 'Write the report to a file (--out report.html) to get the --json summary, or drop --json.',
    exit: 2,
  }),
  EINTERNAL: (p: Params) => ({
    message: `unexpected failure: ${s(p.reason)}`,
    hint: 'Please report this with the command you ran; no partial file was left behind.',
    exit: 1,
  }),
} satisfies Record<`E${string}`, (p: Params) => ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;
