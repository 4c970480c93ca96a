/**
 * `wasmctl serve` of a wasi:http/proxy component (issue 15) under load, against a proxy-wasm
 * module served by the same gateway in the same run: the componentize-js handler of
 * test/modules/http-guest (`?name=` → `hello <name>`) and test/modules serve-no-wasi (`pong`),
 * each with N warm instances, C connections for S seconds with autocannon, one after the other.
 * Run: npm run build && bash scripts/build-test-modules.sh &&
 *      node --import tsx bench/component-serve.ts [instances=2] [seconds=5] [connections=8] [handler.component.wasm]
 * (the last argument reuses a built handler; else it is componentized here, ~1-2 min).
 */
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { execa } from 'execa';
import { componentizeJs } from '../test/support/component.js';
import { serveArgs } from './serve-builds.js';
import { REPO } from '../test/support/repo.js';

const [INSTANCES, SECONDS, CONNECTIONS] = [2, 5, 8].map((fallback, i) => Number(process.argv[2 + i] ?? fallback)) as [
  number,
  number,
  number,
];
const work = await mkdtemp(join(tmpdir(), 'wasmctl-bench-component-serve-'));
const handler =
  process.argv[5] ?? (await componentizeJs(join(REPO, 'test/modules/http-guest'), 'app', join(work, 'handler.component.wasm')));
const serve = execa(
  join(REPO, 'bin/wasmctl'),
  serveArgs(join(work, 'store'), [
    '--instances',
    String(INSTANCES),
    `component=${handler}`,
    `module=${join(REPO, 'test/modules/build/serve-no-wasi.wasm')}`,
  ]),
  { stderr: 'ignore', reject: false },
);
try {
  const [line] = (await once(serve.stdout!, 'data')) as [Buffer];
  const { gateway } = JSON.parse(line.toString()) as { gateway: string };
  const url = `http://${gateway}/?name=bench`;
  const load = async (id: string) => {
    await autocannon({ url, connections: CONNECTIONS, duration: 1, headers: { id } });
    return autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: { id } });
  };
  const component = await load('component');
  const module = await load('module');
  console.log(`wasmctl serve, ${INSTANCES} warm instances each, ${CONNECTIONS} connections, ${SECONDS}s each:`);
  for (const [name, r] of [
    ['wasi:http component (componentize-js)', component],
    ['proxy-wasm module (C)', module],
  ] as const) {
    console.log(
      `  ${name}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms (${r.non2xx} non-2xx, ${r.errors} errors)`,
    );
  }
  console.log(
    `  ratio: ${(component.requests.average / module.requests.average).toFixed(2)}x the module's req/s, p99 ${(component.latency.p99 / Math.max(module.latency.p99, 1)).toFixed(1)}x`,
  );
} finally {
  serve.kill('SIGTERM');
  await serve;
  await rm(work, { recursive: true, force: true });
}
