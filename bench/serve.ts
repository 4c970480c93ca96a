/**
 * `wasmctl serve` on the seed's demo request — function 1 → InvokeService → function 2 →
 * GetState → redis-server — against a baseline measured in the same run: the same demo on the
 * build of BASELINE (default: the last commit whose instances were Worker threads in the server,
 * built once into a temp folder). Per build: cold start (spawn → first answer, default flags),
 * latency p50/p99 and req/s at 32 connections with default flags (instances grow from 1), CPU
 * per request, and memory per warm instance (the PSS that update to 1+EXTRA instances adds,
 * server and instance processes together).
 * Targets (2 cores, issue 16 §3): >= 5,000 req/s, p99 < 10 ms.
 * Run: npm run build && node --import tsx bench/serve.ts [seconds=10] [extra=8] [baseline-commit]
 */
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { execa } from 'execa';
import { startRedis } from '../test/support/redis.js';
import { REPO } from '../test/support/repo.js';
import { buildOf, cpuMs, family, pss, serveArgs, sumOver } from './serve-builds.js';

const SECONDS = Number(process.argv[2] ?? 10);
const EXTRA = Number(process.argv[3] ?? 8);
const BASELINE = process.argv[4] ?? '6398080';
const SAMPLES = join(REPO, 'samples/faas');
const CONNECTIONS = 32;
const MIB = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Figures {
  coldMs: number;
  rps: number;
  p50: number;
  p99: number;
  cpuUsPerRequest: number;
  errors: number;
  instanceMiB: number;
  /** One more instance of function 1 (admin update), started and ready. */
  startMs: number;
}

async function measure(repo: string, work: string, config: string): Promise<Figures> {
  const started = performance.now();
  const serve = execa(
    'node',
    [
      join(repo, 'bin/wasmctl.js'),
      ...serveArgs(join(work, 'store'), [
        '--sidecar-config',
        config,
        join(SAMPLES, 'build/c/function_1.wasm'),
        join(SAMPLES, 'build/c/function_2.wasm'),
      ]),
    ],
    { stderr: 'ignore', reject: false },
  );
  try {
    const [line] = (await once(serve.stdout!, 'data')) as [Buffer];
    const { gateway, admin } = JSON.parse(line.toString()) as { gateway: string; admin: string };
    const url = `http://${gateway}/?name=book1`;
    const answer = await (await fetch(url, { headers: { id: 'id_1' } })).text();
    const coldMs = performance.now() - started;
    if (answer !== 'There are 100 inventories for book1.') throw new Error(`unexpected answer: ${answer}`);

    await autocannon({ url, connections: CONNECTIONS, duration: 2, headers: { id: 'id_1' } });
    const cpuBefore = sumOver(family(serve.pid!), cpuMs);
    const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: { id: 'id_1' } });
    const cpuAfter = sumOver(family(serve.pid!), cpuMs);

    // Back to one instance each (the grown ones shrink when idle), then EXTRA more of function 1.
    await sleep(4500);
    const update = async (n: number) => {
      const response = await fetch(`http://${admin}/wasm/update`, {
        method: 'POST',
        body: JSON.stringify({ name: 'id_1', instance_num: n }),
      });
      if (response.status !== 200) throw new Error(`update failed: ${await response.text()}`);
    };
    const startedAt = performance.now();
    await update(2);
    const startMs = performance.now() - startedAt;
    await update(1);
    await sleep(500);
    const before = sumOver(family(serve.pid!), pss);
    await update(1 + EXTRA);
    await sleep(1500);
    const after = sumOver(family(serve.pid!), pss);
    return {
      coldMs,
      rps: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      cpuUsPerRequest: ((cpuAfter - cpuBefore) * 1000) / Math.max(r.requests.total, 1),
      errors: r.non2xx + r.errors + r.timeouts,
      instanceMiB: (after - before) / EXTRA / MIB,
      startMs,
    };
  } finally {
    serve.kill('SIGTERM');
    await serve;
  }
}

if (!existsSync(join(SAMPLES, 'build/c/function_2.wasm'))) await execa('bash', [join(SAMPLES, 'build.sh'), '--modules-only']);
const baseline = await buildOf(BASELINE);
const redis = await startRedis();
const work = await mkdtemp(join(tmpdir(), 'wasmctl-bench-serve-'));
try {
  await redis.cli('set', 'book1', '100');
  const config = join(work, 'layotto.json');
  await writeFile(config, readFileSync(join(SAMPLES, 'layotto.json'), 'utf8').replace('localhost:6379', redis.host));
  const base = await measure(baseline, work, config);
  const ours = await measure(REPO, work, config);
  const bareStarted = performance.now();
  await execa('node', ['-e', '0']);
  const bareNodeMs = performance.now() - bareStarted;
  const row = (name: string, f: Figures) =>
    `  ${name.padEnd(30)} cold start ${f.coldMs.toFixed(0)} ms; ${Math.round(f.rps)} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms, ` +
    `${f.cpuUsPerRequest.toFixed(0)} µs CPU/request, ${f.errors} errors; ${f.instanceMiB.toFixed(2)} MiB PSS per extra instance, ` +
    `${f.startMs.toFixed(0)} ms to start one`;
  console.log(`demo request (id_1 → id_2 → redis), default flags, ${CONNECTIONS} connections, ${SECONDS}s:`);
  console.log(row(`baseline ${BASELINE} (threads)`, base));
  console.log(row('this build (processes)', ours));
  console.log(
    `  ratios (this / baseline): cold start ${(ours.coldMs / base.coldMs).toFixed(2)}×, req/s ${(ours.rps / base.rps).toFixed(2)}×, ` +
      `p99 ${(ours.p99 / base.p99).toFixed(2)}×, CPU/request ${(ours.cpuUsPerRequest / base.cpuUsPerRequest).toFixed(2)}×`,
  );
  console.log(
    `  an instance start is ${(ours.startMs / bareNodeMs).toFixed(2)}× a bare \`node -e 0\` (${bareNodeMs.toFixed(0)} ms) in this run`,
  );
  console.log(`  targets: >= 5000 req/s ${ours.rps >= 5000 ? 'met' : 'MISSED'}, p99 < 10 ms ${ours.p99 < 10 ? 'met' : 'MISSED'}`);
} finally {
  await redis.stop();
  await rm(work, { recursive: true, force: true });
}
