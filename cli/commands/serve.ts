import type { Command } from 'commander';
import { z } from 'zod';
import { WasmctlError } from '../../common/index.js';
import { parseDuration, parseMemory } from '../../api/units.js';
import { storeRoot } from '../store-root.js';
import { collect } from '../parse.js';
import { untilSignal } from '../signals.js';
import { parseOptions } from '../options.js';

const optionsSchema = z.object({
  listen: z.string(),
  admin: z.string(),
  instances: z.coerce.number().int().min(1).max(1024),
  maxInstances: z.coerce.number().int().min(1).max(1024).optional(),
  sidecar: z.string().optional(),
  sidecarConfig: z.string().optional(),
  json: z.boolean().default(false),
  timeout: z.string(),
  memory: z.string().optional(),
  queueTimeout: z.string(),
  platform: z.string().optional(),
  plainHttp: z.boolean().default(false),
  headerTimeout: z.string(),
  requestTimeout: z.string(),
  keepAliveTimeout: z.string(),
  maxConnections: z.coerce.number().int().min(1),
  maxConnectionsPerClient: z.coerce.number().int().min(1),
  route: z.array(z.string()).default([]),
  allowHttp: z.array(z.string()).default([]),
});

/** `ID=FUNCTION` routes by ID; a bare FUNCTION is routed by the id the module gives itself. */
function parseFunction(arg: string): { source: string; id?: string } {
  const match = /^([A-Za-z0-9_.-]+)=(.+)$/.exec(arg);
  return match ? { id: match[1] as string, source: match[2] as string } : { source: arg };
}

export function register(program: Command): void {
  program
    .command('serve')
    .summary('Serve proxy-wasm functions and wasi:http components over HTTP, routed by header id (Layotto FaaS)')
    .description(
      'Run each FUNCTION as warm instances behind an HTTP gateway that routes by the ' +
        "request's `id` header (or a --route path prefix), as Layotto runs its FaaS functions " +
        '(a FUNCTION may also be a wasi:http/proxy component; each instance a process of its own, ' +
        'more of them as requests wait, up to --max-instances): missing id 400, ' +
        'unknown id 404, a trap or a timeout 500 (the instance is replaced), no free ' +
        'instance within 5s 503. A request without a body gets its query string as ' +
        'the body. Runtime host calls (state, InvokeService, ...) go to the embedded ' +
        'sidecar (in-memory demo stores, or --sidecar-config) or to --sidecar; ' +
        'InvokeService to a function of this gateway comes straight back in. ' +
        "Layotto's admin API manages functions at runtime: POST /wasm/install, " +
        '/wasm/update, /wasm/uninstall, and GET /wasm/list. SIGTERM or SIGINT ' +
        'drains in-flight requests for up to 0.3s, then stops. The gateway and the admin port each ' +
        'cut slow clients (--header-timeout, --request-timeout) and cap the connections ' +
        'they hold (--max-connections, --max-connections-per-client; keep them below the ' +
        'open-file limit, ulimit -n).',
    )
    .argument('<function...>', 'image reference, transport (oci-archive:…) or .wasm file, optionally ID=FUNCTION')
    .option('--listen <host:port>', 'function gateway address; port 0 picks a free one', '127.0.0.1:2045')
    .option('--admin <host:port>', 'admin API address; port 0 picks a free one', '127.0.0.1:34998')
    .option('--instances <n>', 'warm instances per function, at least', '1')
    .option(
      '--max-instances <n>',
      'most instances per function as load grows, each a process serving one request at a time (default: 2 per core)',
    )
    .option('--sidecar <host:port>', 'serve runtime host calls from this Layotto-compatible sidecar')
    .option('--sidecar-config <file>', "config of the embedded sidecar (Layotto's config.json shape)")
    .option('--json', 'print the addresses as JSON and log as JSON lines')
    .option('--timeout <duration>', 'longest a request (or an instance start) may run', '30s')
    .option('--queue-timeout <duration>', 'longest a request waits for a free instance, then 503', '5s')
    .option('-m, --memory <size>', "cap each instance's linear memory and tables together (e.g. 64m)")
    .option('--platform <os/arch>', 'platform to pull a function image for, as pull takes it (e.g. wasi/wasm)')
    .option('--plain-http', 'use plain HTTP for the registry (automatic for localhost)')
    .option('--header-timeout <duration>', "longest a client may take to send a request's headers (then 408)", '10s')
    .option('--request-timeout <duration>', 'longest a client may take to send a whole request, body included (then 408)', '60s')
    .option('--keep-alive-timeout <duration>', 'how long an idle keep-alive connection stays open', '5s')
    .option('--max-connections <n>', 'open connections per port; at the cap, the longest idle one is closed for a new one', '4096')
    .option(
      '--route <prefix=id>',
      'route requests without an id header by path prefix (repeatable; e.g. /api=id_1)',
      (v: string, all: string[] = []) => [...all, v],
    )
    .option(
      '--allow-http <host[:port]>',
      "a host a component's wasi:http/outgoing-handler may reach (repeatable; any port when none is given); no other",
      collect,
    )
    .option('--max-connections-per-client <n>', 'open connections per port from one client address (raise it behind a proxy)', '256')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  wasmctl serve --sidecar-config samples/faas/layotto.json function1:v1 function2:v1\n' +
        "  curl -H 'id:id_1' 'localhost:2045?name=book1'\n" +
        '  wasmctl serve --instances 4 --timeout 2s id_1=./function_1.wasm id_2=oci-archive:f2.tar\n' +
        '  wasmctl serve --listen 0.0.0.0:2045 --sidecar 127.0.0.1:34904 127.0.0.1:5000/function1:v1\n' +
        '  curl -X POST localhost:34998/wasm/install -d \'{"name":"id_3","instance_num":2,"vm_config":{"path":"f3.wasm"}}\'',
    )
    .action(async (functions: string[], raw: unknown, command: Command) => {
      const options = parseOptions(optionsSchema, raw);
      if (options.sidecar !== undefined && options.sidecarConfig !== undefined) {
        throw new WasmctlError('InvalidArgument', '--sidecar and --sidecar-config exclude each other', {
          hint: 'the config is for the embedded sidecar; an external one has its own',
        });
      }
      const connections = {
        headersTimeoutMs: parseDuration(options.headerTimeout, '--header-timeout'),
        requestTimeoutMs: parseDuration(options.requestTimeout, '--request-timeout'),
        keepAliveTimeoutMs: parseDuration(options.keepAliveTimeout, '--keep-alive-timeout'),
        maxConnections: options.maxConnections,
        maxConnectionsPerClient: options.maxConnectionsPerClient,
      };
      if (connections.headersTimeoutMs > connections.requestTimeoutMs) {
        throw new WasmctlError('InvalidArgument', '--header-timeout is longer than --request-timeout', {
          hint: 'the headers are part of the request',
        });
      }
      const { serve } = await import('../../api/index.js');
      const { parseRoute } = await import('../../serve/index.js');
      const serving = await serve({
        listen: options.listen,
        admin: options.admin,
        instances: options.instances,
        ...(options.maxInstances === undefined ? {} : { maxInstances: options.maxInstances }),
        functions: functions.map(parseFunction),
        root: storeRoot(command),
        timeout: parseDuration(options.timeout, '--timeout'),
        queueTimeoutMs: parseDuration(options.queueTimeout, '--queue-timeout'),
        ...(options.memory === undefined ? {} : { memory: parseMemory(options.memory, '--memory') }),
        ...(options.sidecar === undefined ? {} : { sidecar: options.sidecar }),
        ...(options.sidecarConfig === undefined ? {} : { sidecarConfig: options.sidecarConfig }),
        ...(options.platform === undefined ? {} : { platform: options.platform }),
        plainHttp: options.plainHttp,
        json: options.json,
        connections,
        routes: options.route.map(parseRoute),
        allowHttp: options.allowHttp,
      });
      // One line, so that a script reading stdout knows where the document ends.
      if (options.json)
        process.stdout.write(`${JSON.stringify({ gateway: serving.gateway, admin: serving.admin, functions: serving.functions })}\n`);
      else {
        process.stdout.write(`gateway listening on ${serving.gateway}\nadmin listening on ${serving.admin}\n`);
        for (const fn of serving.functions)
          process.stdout.write(`function ${fn.id}: ${fn.source} (${fn.instances} instance${fn.instances === 1 ? '' : 's'})\n`);
      }
      const signal = await untilSignal();
      process.stderr.write(`wasmctl serve: ${signal}, draining\n`);
      await serving.close();
    });
}
