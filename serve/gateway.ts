import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { describeError, httpStatusOf, WasmctlError } from '../common/index.js';
import type { AccessLogger } from './access-log.js';
import { createLimitedServer, type ConnectionLimits } from './connection-limits.js';
import { readBody } from './http-util.js';
import type { FunctionRegistry } from './registry.js';
import { type Route, routeFor } from './routes.js';
import type { FunctionRequest } from './types.js';

const MAX_BODY = 16 * 1024 * 1024;

/**
 * Layotto's function listener: routes by header `id`; a request with no body gets its query string
 * as the body (GET `?name=book1` arrives as `name=book1`). It listens before the functions are
 * installed (their InvokeService calls need its address), so requests wait for `ready`: a client
 * that connects as soon as the port opens gets the function's answer, never a 404.
 */
export function createGateway(
  registry: FunctionRegistry,
  log: AccessLogger,
  limits: ConnectionLimits,
  ready: Promise<void>,
  routes: readonly Route[] = [],
): Server {
  return createLimitedServer(limits, (req, res) => void serve(registry, log, req, res, ready, routes));
}

async function serve(
  registry: FunctionRegistry,
  log: AccessLogger,
  req: IncomingMessage,
  res: ServerResponse,
  ready: Promise<void>,
  routes: readonly Route[],
) {
  const started = performance.now();
  await ready;
  const url = req.url ?? '/';
  const id = headerValue(req, 'id') ?? routeFor(routes, url);
  let status = 200;
  let error: string | undefined;
  try {
    if (!id) throw new WasmctlError('InvalidArgument', 'missing header "id" naming the function', { hint: "curl -H 'id: id_1' ..." });
    if (!registry.has(id)) throw new WasmctlError('NotFound', `no function with id ${id}`);
    const body = await readBody(req, MAX_BODY);
    const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
    const request: FunctionRequest = {
      method: req.method ?? 'GET',
      path: url,
      headers: pairs(req.rawHeaders),
      body: body.length > 0 ? body : Buffer.from(query),
    };
    const response = await registry.invoke(id, request);
    status = response.status;
    // Flat [name, value, ...]: an object would keep only the last of repeated headers (set-cookie).
    res.writeHead(status, response.headers.flat());
    res.end(response.body);
  } catch (err) {
    status = httpStatusOf(err);
    error = describeError(err);
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`${error}\n`);
  } finally {
    log({
      remote: req.socket.remoteAddress ?? '',
      method: req.method ?? '',
      url,
      id: id ?? '',
      status,
      ms: performance.now() - started,
      ...(error ? { error } : {}),
    });
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}

function pairs(raw: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!.toLowerCase(), raw[i + 1]!]);
  return out;
}
