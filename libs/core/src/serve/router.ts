/** A request matched to one endpoint of the delivery server. */
export type Route =
  | { kind: 'health' }
  | { kind: 'landing' }
  | { kind: 'activation'; deliveryId: string }
  | { kind: 'app'; deliveryId: string; rest: string }
  | { kind: 'not_found' };

/** Which methods each endpoint kind accepts. */
export const ROUTE_METHODS: Readonly<Record<Route['kind'], readonly string[]>> = {
  health: ['GET', 'HEAD'],
  landing: ['GET'],
  activation: ['POST'],
  app: ['GET', 'HEAD'],
  not_found: [],
};

const LANDING_PATHS = new Set(['/', '/i', '/join']);
const ACTIVATION = /^\/v1\/deliveries\/([^/]+)\/activation$/;
const APP = /^\/app\/([^/]+)(\/.*)?$/;

/** Matches a request path (without its query) to a route. Never throws. */
export function matchRoute(pathname: string): Route {
  if (pathname === '/healthz') return { kind: 'health' };
  if (LANDING_PATHS.has(pathname)) return { kind: 'landing' };
  const m = ACTIVATION.exec(pathname);
  if (m?.[1] !== undefined) {
    try {
      return { kind: 'activation', deliveryId: decodeURIComponent(m[1]) };
    } catch {
      return { kind: 'not_found' };
    }
  }
  const a = APP.exec(pathname);
  if (a?.[1] !== undefined) {
    try {
      return { kind: 'app', deliveryId: decodeURIComponent(a[1]), rest: a[2] ?? '/' };
    } catch {
      return { kind: 'not_found' };
    }
  }
  return { kind: 'not_found' };
}

/** The path part of a request target, without query or fragment, printable and bounded for logs. */
export function requestPath(target: string | undefined): string {
  const raw = target ?? '/';
  const q = raw.search(/[?#]/);
  const path = q >= 0 ? raw.slice(0, q) : raw;
  const safe = path.replace(/[^\x21-\x7e]/g, '?');
  return safe.length > 200 ? `${safe.slice(0, 197)}...` : safe;
}
