import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { z } from 'zod';
import { describeError, WasmctlError } from '../common/index.js';
import { createLimitedServer, type ConnectionLimits } from './connection-limits.js';
import { readBody } from './http-util.js';
import type { ServeMetrics } from './metrics.js';
import type { FunctionRegistry } from './registry.js';

const installSchema = z
  .object({
    name: z.string().min(1),
    instance_num: z.number().int().min(1).max(1024).default(1),
    vm_config: z
      .object({ engine: z.string().optional(), path: z.string().min(1).optional(), image: z.string().min(1).optional() })
      .optional(),
    image: z.string().min(1).optional(),
  })
  .refine((body) => body.image !== undefined || body.vm_config?.image !== undefined || body.vm_config?.path !== undefined, {
    message: 'give vm_config.path or an image (top level or in vm_config)',
  });
const updateSchema = z.object({ name: z.string().min(1), instance_num: z.number().int().min(1).max(1024) });
const uninstallSchema = z.object({ name: z.string().min(1) });

type Handler = (body: unknown) => Promise<unknown>;

/**
 * Layotto's dynamic management API on its own port: 200 with an empty body on success, 500 with
 * `{"error": "..."}` on failure (Layotto's codes, kept for its clients), plus `GET /wasm/list`.
 */
export function createAdmin(registry: FunctionRegistry, limits: ConnectionLimits, metrics: ServeMetrics): Server {
  const routes: Record<string, Handler> = {
    'POST /wasm/install': async (body) => {
      const spec = installSchema.parse(body);
      const source = (spec.image ?? spec.vm_config?.image ?? spec.vm_config?.path) as string;
      await registry.install({ id: spec.name, source, instances: spec.instance_num });
    },
    'POST /wasm/update': async (body) => {
      const spec = updateSchema.parse(body);
      await registry.update(spec.name, spec.instance_num);
    },
    'POST /wasm/uninstall': async (body) => {
      await registry.uninstall(uninstallSchema.parse(body).name);
    },
    'GET /wasm/list': async () => registry.list(),
  };
  return createLimitedServer(limits, (req, res) => {
    if (req.method === 'GET' && (req.url ?? '').split('?')[0] === '/metrics') void scrape(metrics, res);
    else void handle(routes, req, res);
  });
}

/** Prometheus's scrape: its text format, with its content type. */
async function scrape(metrics: ServeMetrics, res: ServerResponse) {
  try {
    const text = await metrics.text();
    res.writeHead(200, { 'content-type': metrics.contentType }).end(text);
  } catch (err) {
    res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`${describeError(err)}\n`);
  }
}

async function handle(routes: Record<string, Handler>, req: IncomingMessage, res: ServerResponse) {
  const route = routes[`${req.method} ${(req.url ?? '').split('?')[0]}`];
  try {
    if (!route) throw new WasmctlError('NotFound', `no such admin endpoint: ${req.method} ${req.url}`);
    const raw = await readBody(req, 1024 * 1024);
    const result = await route(raw.length > 0 ? parseJson(raw) : {});
    if (result === undefined) {
      res.writeHead(200).end();
    } else {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    }
  } catch (err) {
    res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: errorText(err) }));
  }
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new WasmctlError('InvalidArgument', 'request body is not JSON');
  }
}

function errorText(err: unknown): string {
  if (err instanceof z.ZodError)
    return `invalid request: ${err.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`;
  return describeError(err);
}
