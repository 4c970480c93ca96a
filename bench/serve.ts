/**
 * `wasmctl serve` on the seed's demo request — function 1 → InvokeService → function 2 →
 * GetState → redis-server — at 32 connections for 10 s with autocannon; then the memory of warm
 * instances: the server's RSS growth when function 1 grows by M (default 200) instances through the admin API.
 * Targets (2 cores): ≥ 2,000 req/s, p99 < 10 ms, ≥ 200 warm instances in 1 GiB.
 * Run: npm run build && node --import tsx bench/serve.ts [instances=8] [seconds=10] [extra=200] [workers]
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

const [INSTANCES, SECONDS, EXTRA] = [8, 10, 200].map((fallback, i) => Number(process.argv[2 + i] ?? fallback)) as [number, number, number];
const WORKERS = process.argv[5];
const SAMPLES = join(REPO, 'samples/faas');
const CONNECTIONS = 32;
const MIB = 1024 * 1024;

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;
const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

if (!existsSync(join(SAMPLES, 'build/c/function_2.wasm'))) await execa('bash', [join(SAMPLES, 'build.sh'), '--modules-only']);
const redis = await startRedis();
const work = await mkdtemp(join(tmpdir(), 'wasmctl-bench-serve-'));
await redis.cli('set', 'book1', '100');
const config = join(work, 'layotto.json');
await writeFile(config, readFileSync(join(SAMPLES, 'layotto.json'), 'utf8').replace('localhost:6379', redis.host));
const serve = execa(
  'node',
  [join(REPO, 'bin/wasmctl.js'), '--root', join(work, 'store'), 'serve', '--json', '--listen', '127.0.0.1:0', '--admin', '127.0.0.1:0',
    '--instances', String(INSTANCES), ...(WORKERS ? ['--workers', WORKERS] : []), '--sidecar-config', config,
    join(SAMPLES, 'build/c/function_1.wasm'), join(SAMPLES, 'build/c/function_2.wasm')],
  { stderr: 'ignore', reject: false },
);
try {
  const [line] = (await once(serve.stdout!, 'data')) as [Buffer];
  const { gateway, admin } = JSON.parse(line.toString()) as { gateway: string; admin: string };
  const url = `http://${gateway}/?name=book1`;
  const answer = await (await fetch(url, { headers: { id: 'id_1' } })).text();
  if (answer !== 'There are 100 inventories for book1.') throw new Error(`unexpected answer: ${answer}`);

  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers: { id: 'id_1' } });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: { id: 'id_1' } });
  console.log(`demo request (id_1 → id_2 → redis), ${INSTANCES} instances each, ${CONNECTIONS} connections, ${SECONDS}s:`);
  console.log(`  ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms` +
    `  (${r.requests.total} requests, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts)`);
  console.log(`  targets: >= 2000 req/s ${r.requests.average >= 2000 ? 'met' : 'MISSED'}, p99 < 10 ms ${r.latency.p99 < 10 ? 'met' : 'MISSED'}`);

  await settle();
  const before = rssOf(serve.pid!);
  const grown = await fetch(`http://${admin}/wasm/update`, { method: 'POST', body: JSON.stringify({ name: 'id_1', instance_num: INSTANCES + EXTRA }) });
  if (grown.status !== 200) throw new Error(`update failed: ${await grown.text()}`);
  await settle();
  const total = rssOf(serve.pid!);
  const instances = 2 * INSTANCES + EXTRA;
  // The marginal growth is within GC noise after a load run, so the verdict uses the whole server's
  // RSS spread over its instances: an upper bound on what one warm instance costs.
  const upperBound = total / instances;
  console.log(`warm instances: +${EXTRA} instances of id_1 → RSS ${((total - before) / MIB).toFixed(0)} MiB more;` +
    ` server RSS ${(total / MIB).toFixed(0)} MiB for ${instances} instances = at most ${(upperBound / MIB).toFixed(2)} MiB each`);
  const fit = Math.floor(1024 / (upperBound / MIB));
  console.log(`  at least ${fit} warm instances per GiB: target >= 200 ${fit >= 200 ? 'met' : 'MISSED'}`);
} finally {
  serve.kill('SIGTERM');
  await serve;
  await redis.stop();
  await rm(work, { recursive: true, force: true });
}
