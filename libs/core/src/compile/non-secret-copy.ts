/**
 * Deep copy of a JSON summary taken from compile outputs (promotion or provisioning readiness)
 * before it is stored on request.json and session.json: string values under secret-looking
 * keys are dropped, so a compile bug that puts a token into a readiness object does not spread
 * it into delivery files. Flags such as `token_configured: true` are kept.
 */
import type { JsonObject, JsonValue } from './lossless-json';

const SECRET_KEY = /secret|token|password|passwd|private[_-]?key|api[_-]?key|credential|authorization/i;

/** A structurally independent copy of `obj` without secret-looking string values. */
export function copyWithoutSecrets(obj: JsonObject): JsonObject {
  // fromEntries defines own properties, so a `__proto__` key stays data, never a prototype.
  return Object.fromEntries(
    Object.entries(obj)
      .filter(([k, v]) => !(typeof v === 'string' && SECRET_KEY.test(k)))
      .map(([k, v]) => [k, copyValue(v)]),
  );
}

function copyValue(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(copyValue);
  if (v !== null && typeof v === 'object') return copyWithoutSecrets(v);
  return typeof v === 'number' && !Number.isFinite(v) ? null : v;
}
