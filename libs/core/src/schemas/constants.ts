/**
 * Plain constants shared by the schemas and the runtime. This module must not import TypeBox:
 * TypeBox is a build-time dependency (schemas are compiled to validators by tools/gen-schemas.js),
 * and loading it would cost ~45 ms of CLI start.
 */
export const PLATFORMS = ['web', 'ios', 'android'] as const;
export const RELEASE_MODES = ['beta', 'store', 'both'] as const;
export const LANES = ['beta', 'store'] as const;

/** Path-safe delivery id: 1-128 of [A-Za-z0-9_.-], not only dots. */
export const DELIVERY_ID_PATTERN = '^(?!\\.+$)[A-Za-z0-9_.-]{1,128}$';
/** Normalised e-mail address (lower-case ASCII). */
export const EMAIL_PATTERN = "^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9-]+(\\.[a-z0-9-]+)+$";

/** Every phase a delivery session can be in. */
export const SESSION_PHASES = [
  'accepted',
  'compiling',
  'building',
  'packaging',
  'distributing',
  'releasing',
  'completed',
  'failed',
  'blocked',
] as const;
