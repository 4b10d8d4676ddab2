import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const PLATFORMS = ['web', 'ios', 'android'] as const;
export const RELEASE_MODES = ['beta', 'store', 'both'] as const;
export const LANES = ['beta', 'store'] as const;

export const Platform = Type.Union(PLATFORMS.map((p) => Type.Literal(p)));
export type Platform = Static<typeof Platform>;
export const ReleaseMode = Type.Union(RELEASE_MODES.map((m) => Type.Literal(m)));
export type ReleaseMode = Static<typeof ReleaseMode>;
export const Lane = Type.Union(LANES.map((l) => Type.Literal(l)));
export type Lane = Static<typeof Lane>;

/** Path-safe delivery id: 1-128 of [A-Za-z0-9_.-], not only dots. */
export const DELIVERY_ID_PATTERN = '^(?!\\.+$)[A-Za-z0-9_.-]{1,128}$';
export const DeliveryId = Type.String({ pattern: DELIVERY_ID_PATTERN });
/** Normalised e-mail address (lower-case ASCII). */
export const EMAIL_PATTERN = '^[a-z0-9!#$%&\'*+/=?^_`{|}~.-]+@[a-z0-9-]+(\\.[a-z0-9-]+)+$';
export const Email = Type.String({ pattern: EMAIL_PATTERN, maxLength: 254 });
export const UnixMs = Type.Integer({ minimum: 0, maximum: 8.64e15 });
export const NullableUnixMs = Type.Union([UnixMs, Type.Null()]);
export const Uuid = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' });
export const Hex64 = Type.String({ pattern: '^[0-9a-f]{64}$' });
export const FreeObject = Type.Record(Type.String(), Type.Unknown());
export type FreeObject = Static<typeof FreeObject>;

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** Envelope keys every versioned sidecar carries. */
export const envelope = (kind: string) => ({
  schema_version: Type.Literal(1),
  schema_id: Type.Literal(`akc:${kind}:v1`),
});
