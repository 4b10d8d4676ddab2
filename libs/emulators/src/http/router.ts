import type { RouteHandler } from './types';

/** One route: an HTTP method, a path pattern and a handler. */
export interface Route {
  method: string;
  /**
   * Path pattern. `{name}` matches one segment, `{+name}` matches one or more segments.
   * Everything else is literal, so Google's `:commit` suffixes need no escaping.
   * @example '/v1/apps/{id}/builds', '/androidpublisher/v3/applications/{pkg}/edits/{editId}:commit'
   */
  pattern: string;
  handler: RouteHandler;
  /** When false the emulator's authentication check is skipped (token endpoints, pre-signed uploads). @default true */
  auth?: boolean;
}

/** A route whose pattern has been compiled to a regular expression. */
export interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

/** A successful lookup: the route and its decoded path parameters. */
export interface RouteMatch {
  route: CompiledRoute;
  params: Record<string, string>;
}

/** Compiles `{name}` / `{+name}` patterns into anchored regular expressions. */
export function compileRoute(route: Route): CompiledRoute {
  const names: string[] = [];
  let source = '';
  const tokens = route.pattern.split(/(\{\+?[A-Za-z]+\})/);
  for (const token of tokens) {
    const param = /^\{(\+?)([A-Za-z]+)\}$/.exec(token);
    if (param) {
      names.push(param[2] ?? '');
      source += param[1] === '+' ? '(.+?)' : '([^/]+?)';
    } else {
      source += token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return { ...route, regex: new RegExp(`^${source}$`), names };
}

/** Finds the first route matching method and path; `methodMismatch` tells a 405 from a 404. */
export function matchRoute(
  routes: readonly CompiledRoute[],
  method: string,
  path: string,
): { match?: RouteMatch; methodMismatch: boolean } {
  let methodMismatch = false;
  for (const route of routes) {
    const m = route.regex.exec(path);
    if (!m) continue;
    if (route.method !== method) {
      methodMismatch = true;
      continue;
    }
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      params[name] = decodeURIComponent(m[i + 1] ?? '');
    });
    return { match: { route, params }, methodMismatch };
  }
  return { methodMismatch };
}
