import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { akcError } from '../errors/akc-error';

const SAFE_ID = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * Refuses any delivery id that could name something other than one folder directly below
 * `.akc/delivery/`: separators, `.`/`..` and other dot-only ids, control or non-ASCII
 * characters, and ids over 128 characters.
 */
export function assertSafeDeliveryId(value: unknown): string {
  if (typeof value !== 'string' || !SAFE_ID.test(value) || /^\.+$/.test(value)) {
    throw akcError('EDELIVERYID', { value: typeof value === 'string' ? value.slice(0, 200) : String(value) });
  }
  return value;
}

export interface DeliveryPaths {
  projectDir: string;
  root: string;
  dir: string;
  request: string;
  session: string;
  recipients: string;
  events: string;
  providerState: string;
  evidence: string;
  secrets: string;
  contract: string;
  journal: string;
  lock: string;
}

export function deliveryRoot(projectDir: string): string {
  return join(resolve(projectDir), '.akc', 'delivery');
}

/** All paths of one delivery; throws EDELIVERYID for an unsafe id and checks containment. */
export function deliveryPaths(projectDir: string, deliveryId: string): DeliveryPaths {
  assertSafeDeliveryId(deliveryId);
  const root = deliveryRoot(projectDir);
  const dir = join(root, deliveryId);
  assertInside(root, dir);
  const f = (name: string) => join(dir, name);
  return {
    projectDir: resolve(projectDir),
    root,
    dir,
    request: f('request.json'),
    session: f('session.json'),
    recipients: f('recipients.json'),
    events: f('events.json'),
    providerState: f('provider_state.json'),
    evidence: f('activation_evidence.json'),
    secrets: f('secrets.json'),
    contract: f('activation_client_contract.v1.json'),
    journal: f('.journal.json'),
    lock: f('.lock'),
  };
}

/** Throws unless `child` is strictly inside `parent` (after resolving `..`). */
export function assertInside(parent: string, child: string): void {
  const rel = relative(resolve(parent), resolve(child));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) {
    throw akcError('EDELIVERYID', { value: child });
  }
}

/** True when `child` is inside `parent` (or equal when allowEqual). Used for project-relative paths. */
export function isInside(parent: string, child: string, allowEqual = false): boolean {
  const rel = relative(resolve(parent), resolve(child));
  if (rel === '') return allowEqual;
  return !rel.startsWith('..') && !isAbsolute(rel);
}
