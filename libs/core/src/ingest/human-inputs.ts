/**
 * `required_human_inputs` and `required_accounts` (spec §4.6), fixed: `blocking_for` lists only
 * the lanes a row really blocks, `sensitive` is set per row, ask_order is dense, and every row
 * is satisfied by exactly what the adapter preflight accepts.
 */
import type { Lane, Platform, ReleaseMode } from '../schemas/common';
import type { HumanInputRow } from '../schemas/request';
import { releaseLanes } from './platforms';
import { resolveDeliveryFacts, type DeliveryFacts, type FactSources, type Requirement } from './requirement';
import { ANDROID_REQUIREMENTS } from './requirements-android';
import { IOS_REQUIREMENTS } from './requirements-ios';
import { WEB_REQUIREMENTS } from './requirements-web';

/** Every requirement, in the fixed platform order iOS, Android, web. */
export const REQUIREMENTS: readonly Requirement[] = [
  ...IOS_REQUIREMENTS,
  ...ANDROID_REQUIREMENTS,
  ...WEB_REQUIREMENTS,
];

/** Inputs to {@link collectHumanInputs}. */
export interface HumanInputOptions extends FactSources {
  platforms: readonly Platform[];
  releaseMode: ReleaseMode;
}

/**
 * The missing facts a person must supply for the selected platforms and mode, in ask order.
 * Platform order is fixed (ios, android, web) whatever the CLI order; only missing rows are emitted.
 * @example collectHumanInputs({ platforms: ['web'], releaseMode: 'beta', prereqs, probes, env: {} })
 * // [{ id: 'web_hosting_endpoint', blocking_for: ['beta'], ask_order: 1, … }]
 */
export function collectHumanInputs(opts: HumanInputOptions): HumanInputRow[] {
  const facts = resolveDeliveryFacts(opts);
  const modeLanes = releaseLanes(opts.releaseMode);
  const rows: HumanInputRow[] = [];
  for (const req of REQUIREMENTS) {
    if (!req.input || !opts.platforms.includes(req.platform)) continue;
    const row = humanInputRow(req, facts, modeLanes, rows.length + 1);
    if (row) rows.push(row);
  }
  return rows;
}

function humanInputRow(
  req: Requirement,
  facts: DeliveryFacts,
  modeLanes: readonly Lane[],
  askOrder: number,
): HumanInputRow | undefined {
  const input = req.input;
  const blocking = req.lanes.filter((l) => modeLanes.includes(l));
  const lane = blocking[0];
  if (!input || lane === undefined) return undefined;
  const reason = req.unmet(facts, lane);
  if (reason === undefined) return undefined;
  return {
    id: input.id,
    status: 'missing',
    blocking_for: blocking,
    reason,
    ask_order: askOrder,
    context: { platform: req.platform, fix: req.fix },
    ui_prompt: {
      audience: 'operator',
      title: input.title,
      question: input.question,
      help_text: input.help_text,
      value_kind: input.value_kind,
      sensitive: input.sensitive,
    },
    answer_binding: { ...input.binding },
    account: input.account,
  };
}

/** Account labels of the rows, de-duplicated in row order. */
export function requiredAccounts(rows: readonly Pick<HumanInputRow, 'account'>[]): string[] {
  return [...new Set(rows.map((r) => r.account))];
}

/** The provider-account label of a human-input id, or undefined for an unknown id. */
export function humanInputAccount(id: string): string | undefined {
  return REQUIREMENTS.find((r) => r.input?.id === id)?.input?.account;
}
