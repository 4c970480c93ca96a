/**
 * `--route /api=id_1`: for HTTP-native functions (wasi:http components) that clients call without
 * Layotto's `id` header, the function is picked by the request path's longest matching prefix.
 * A prefix matches whole segments: `/api` takes `/api`, `/api/x` and `/api?q`, not `/apix`.
 */
import { WasmctlError } from '../common/index.js';

export interface Route {
  prefix: string;
  id: string;
}

export function parseRoute(arg: string): Route {
  const match = /^(\/[^=\s]*)=([A-Za-z0-9_.-]+)$/.exec(arg);
  if (!match) throw new WasmctlError('InvalidArgument', `--route ${arg} is not PREFIX=ID`, { hint: '--route /api=id_1' });
  const prefix = (match[1] as string).replace(/(.)\/+$/, '$1');
  return { prefix, id: match[2] as string };
}

/** The id routed to for this request URL, if a route's prefix covers its path. */
export function routeFor(routes: readonly Route[], url: string): string | undefined {
  const path = url.replace(/[?#].*$/, '');
  let best: Route | undefined;
  for (const route of routes) {
    const covers = route.prefix === '/' || path === route.prefix || path.startsWith(`${route.prefix}/`);
    if (covers && (best === undefined || route.prefix.length > best.prefix.length)) best = route;
  }
  return best?.id;
}
