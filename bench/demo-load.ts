/**
 * The seed's demo under load (issue 16 §3): `wrk -t2 -cN -d<seconds>s` against `wasmctl serve
 * --sidecar-config <redis>` with Layotto's demo functions (function 1 → InvokeService → function 2
 * → GetState on redis-server), default flags except the instance bounds, at 32 and 256
 * connections. Per server: median and p99 latency, req/s, and the server's CPU per request (its
 * process and its instance processes, from /proc). Alternated in each round with a baseline built
 * from BASELINE (default: the commit this work started from) and a floor: a bare node:http server
 * making the same Redis GET per request (ioredis), no functions.
 * Targets: at 32 connections p99 < 10 ms and >= 5,000 req/s; at 256, p99 < 25 ms.
 * Run: npm run build && node --import tsx bench/demo-load.ts [seconds=10] [rounds=3] [baseline=6608dc4]
 */
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { median } from './alternating.js';
import { buildOf, cpuMs, family, serveArgs, sumOver } from './serve-builds.js';
import { startRedis } from '../test/support/redis.js';
import { REPO } from '../test/support/repo.js';

const SECONDS = Number(process.argv[2] ?? 10);
const ROUNDS = Number(process.argv[3] ?? 3);
const BASELINE = process.argv[4] ?? '6608dc4';
const CONNECTIONS = [32, 256];
/** The instance bounds: as many warm instances per function as serve's default maximum on 2 cores. */
const INSTANCES = ['--instances', '4', '--max-instances', '4'];
const SAMPLES = join(REPO, 'samples/faas');
const ANSWER = 'There are 100 inventories for book1.';

/** The floor: what any gateway in node pays for one HTTP request and one Redis GET. */
const FLOOR = `
const http = require('node:http');
const Redis = require('ioredis');
const redis = new Redis(Number(process.env.REDIS_PORT), '127.0.0.1');
const server = http.createServer(async (req, res) => {
  const value = await redis.get('book1');
  res.end('There are ' + value + ' inventories for book1.');
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ gateway: '127.0.0.1:' + server.address().port })));
`;

interface Server {
  name: string;
  process: ResultPromise;
  url: string;
}

async function start(name: string, file: string, args: string[], env: Record<string, string> = {}): Promise<Server> {
  const process = execa('node', [file, ...args], { stderr: 'ignore', reject: false, env, cwd: REPO });
  const [line] = (await once(process.stdout!, 'data')) as [Buffer];
  const { gateway } = JSON.parse(line.toString()) as { gateway: string };
  const url = `http://${gateway}/?name=book1`;
  const answer = await (await fetch(url, { headers: { id: 'id_1' } })).text();
  if (answer !== ANSWER) throw new Error(`${name} answered: ${answer}`);
  return { name, process, url };
}

interface Figures {
  p50: number;
  p99: number;
  rps: number;
  cpuUs: number;
  errors: number;
}

/** wrk's latency (`812.00us`, `1.20ms`, `2.01s`) in ms. */
function ms(text: string): number {
  const [, value, unit] = /([\d.]+)(us|ms|s)/.exec(text) ?? [];
  return Number(value) * { us: 0.001, ms: 1, s: 1000 }[unit as 'us' | 'ms' | 's'];
}

async function load(server: Server, connections: number): Promise<Figures> {
  const wrk = (seconds: number) =>
    execa('wrk', ['-t2', `-c${connections}`, `-d${seconds}s`, '--latency', '-H', 'id: id_1', server.url]).then((r) => r.stdout);
  // Warm: instances started, JIT done, the connections' keep-alive set up.
  await wrk(2);
  const pids = family(server.process.pid!);
  const before = sumOver(pids, cpuMs);
  const out = await wrk(SECONDS);
  const cpu = sumOver(pids, cpuMs) - before;
  const field = (re: RegExp) => re.exec(out)?.[1] ?? '0';
  const total = Number(field(/(\d+) requests in/));
  return {
    p50: ms(field(/50%\s+(\S+)/)),
    p99: ms(field(/99%\s+(\S+)/)),
    rps: Number(field(/Requests\/sec:\s+([\d.]+)/)),
    cpuUs: (cpu * 1000) / Math.max(total, 1),
    errors:
      Number(field(/Non-2xx or 3xx responses: (\d+)/)) +
      (/Socket errors: (.*)/.exec(out)?.[1] ?? '').split(',').reduce((n, part) => n + Number(/\d+/.exec(part)?.[0] ?? 0), 0),
  };
}

if (!existsSync(join(SAMPLES, 'build/c/function_2.wasm'))) await execa('bash', [join(SAMPLES, 'build.sh'), '--modules-only']);
const baseline = await buildOf(BASELINE);
const redis = await startRedis();
const work = await mkdtemp(join(tmpdir(), 'wasmctl-bench-demo-load-'));
const servers: Server[] = [];
try {
  await redis.cli('set', 'book1', '100');
  const config = join(work, 'layotto.json');
  await writeFile(config, readFileSync(join(SAMPLES, 'layotto.json'), 'utf8').replace('localhost:6379', redis.host));
  const functions = [
    ...INSTANCES,
    '--sidecar-config',
    config,
    join(SAMPLES, 'build/c/function_1.wasm'),
    join(SAMPLES, 'build/c/function_2.wasm'),
  ];
  servers.push(await start('floor (node:http + ioredis GET)', '-e', [FLOOR], { REDIS_PORT: String(redis.port) }));
  servers.push(await start(`baseline ${BASELINE}`, join(baseline, 'bin/wasmctl.js'), serveArgs(join(work, 'base'), functions)));
  servers.push(await start('this build', join(REPO, 'bin/wasmctl.js'), serveArgs(join(work, 'this'), functions)));
  const results = new Map<string, Figures[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const connections of CONNECTIONS) {
      for (const server of servers) {
        const key = `${connections}|${server.name}`;
        results.set(key, [...(results.get(key) ?? []), await load(server, connections)]);
      }
    }
  }
  // A round whose wrk output lacked a figure (NaN) is left out of that figure's median.
  const mid = (figures: Figures[], key: keyof Figures) => median(figures.map((f) => f[key]).filter(Number.isFinite));
  console.log(`demo request (id_1 → id_2 → redis), ${INSTANCES.join(' ')}, wrk -t2, ${SECONDS}s, median of ${ROUNDS} alternated rounds:`);
  for (const connections of CONNECTIONS) {
    const of = (server: Server) => results.get(`${connections}|${server.name}`) as Figures[];
    console.log(`  ${connections} connections`);
    for (const server of servers) {
      const f = of(server);
      console.log(
        `    ${server.name.padEnd(32)} p50 ${mid(f, 'p50').toFixed(2)} ms, p99 ${mid(f, 'p99').toFixed(2)} ms, ` +
          `${Math.round(mid(f, 'rps'))} req/s, ${Math.round(mid(f, 'cpuUs'))} µs CPU/request, ${f.reduce((n, x) => n + x.errors, 0)} errors` +
          ` (req/s by round: ${f.map((x) => Math.round(x.rps)).join(', ')})`,
      );
    }
    const [, base, ours] = servers.map(of) as [Figures[], Figures[], Figures[]];
    const ratio = (key: keyof Figures) => (mid(ours, key) / mid(base, key)).toFixed(2);
    console.log(`    this / baseline: req/s ${ratio('rps')}×, p50 ${ratio('p50')}×, p99 ${ratio('p99')}×, CPU/request ${ratio('cpuUs')}×`);
    const p99 = mid(ours, 'p99');
    console.log(
      connections === 32
        ? `    targets: >= 5000 req/s ${mid(ours, 'rps') >= 5000 ? 'met' : 'MISSED'}, p99 < 10 ms ${p99 < 10 ? 'met' : 'MISSED'}`
        : `    target: p99 < 25 ms ${p99 < 25 ? 'met' : 'MISSED'}`,
    );
  }
} finally {
  for (const server of servers) server.process.kill('SIGTERM');
  await Promise.all(servers.map((server) => server.process));
  await redis.stop();
  await rm(work, { recursive: true, force: true });
}
