/** Query options understood by ASC list and read endpoints. */
export interface AscQuery {
  /** `filter[key]=value`; arrays are joined with commas (OR). */
  filter?: Record<string, string | number | boolean | readonly string[] | undefined>;
  include?: readonly string[];
  /** `fields[type]=a,b` sparse fieldsets. */
  fields?: Record<string, readonly string[]>;
  /** e.g. `-uploadedDate`. */
  sort?: string | readonly string[];
  limit?: number;
  /** Any other parameter, sent as is (e.g. `limit[builds]`). */
  extra?: Record<string, string | number>;
}

/** Serialises an {@link AscQuery}; brackets and commas stay readable like Apple's own examples. */
export function buildQueryString(query: AscQuery = {}): string {
  const parts: string[] = [];
  const add = (key: string, value: string | number | boolean): void => {
    parts.push(`${key}=${encodeURIComponent(String(value)).replace(/%2C/gi, ',')}`);
  };
  for (const [key, value] of Object.entries(query.filter ?? {})) {
    if (value === undefined) continue;
    add(`filter[${key}]`, Array.isArray(value) ? value.join(',') : (value as string | number | boolean));
  }
  if (query.include?.length) add('include', query.include.join(','));
  for (const [type, names] of Object.entries(query.fields ?? {})) add(`fields[${type}]`, names.join(','));
  if (query.sort !== undefined)
    add('sort', typeof query.sort === 'string' ? query.sort : query.sort.join(','));
  if (query.limit !== undefined) add('limit', query.limit);
  for (const [key, value] of Object.entries(query.extra ?? {})) add(key, value);
  return parts.length ? `?${parts.join('&')}` : '';
}
