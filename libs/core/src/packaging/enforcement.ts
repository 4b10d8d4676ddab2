import type { ReleaseMode } from '../schemas/common';
import { isFalsyEnv, isTruthyEnv, type Env } from '../util/env';

/**
 * Packaging preflight is strict for `store` and `both`, relaxed for `beta`, unless
 * AKC_PACKAGING_ENFORCE_PREFLIGHT says otherwise (truthy = strict, falsy = relaxed).
 */
export function isPackagingPreflightEnforced(env: Env, mode: ReleaseMode): boolean {
  const v = env.AKC_PACKAGING_ENFORCE_PREFLIGHT;
  if (isTruthyEnv(v)) return true;
  if (isFalsyEnv(v)) return false;
  return mode !== 'beta';
}
