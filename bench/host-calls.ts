/**
 * Sequential GetState calls per second, in one run: (a) against one external `wasmctl sidecar`, a
 * plain @grpc/grpc-js client vs our http2 client vs a Wasm module calling `proxy_get_state` through
 * the host-call bridge and that client; (b) the same module against the embedded in-memory
 * components (no network), on the calling thread as `wasmctl run` runs it (RunRequest.inline) vs on
 * a Worker, each call a cross-thread hop. Each runs in ROUNDS alternating rounds, medians printed,
 * so that a shared machine's swings hit both sides alike.
 * Run: npm run build && node --import tsx bench/host-calls.ts [sidecar|embedded] [seconds per round] [wasmctl.js to serve]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { execa } from 'execa';
import type { RuntimeConnection } from '../runtime-bridge/index.js';
import { buildModules, capture, modulePath, request } from '../test/modules/harness.js';

// The engine as built (tsc's dist/), not through tsx: the host functions run as users run them.
type Bridge = typeof import('../runtime-bridge/index.js');
const { layottoHostCalls, runModule } = (await import('../dist/runtime-bridge/index.js' as string)) as Bridge;
const { RUNTIME_PROTO_DIR, RuntimeClient } = (await import(
  '../dist/runtime-bridge/client/index.js' as string
)) as typeof import('../runtime-bridge/client/index.js');
const { Components, DEMO_CONFIG } = (await import(
  '../dist/runtime-bridge/sidecar/index.js' as string
)) as typeof import('../runtime-bridge/sidecar/index.js');

// `sidecar` or `embedded` first runs that part only.
const MODE = ['sidecar', 'embedded'].includes(process.argv[2] ?? '') ? process.argv[2] : 'both';
const args = MODE === 'both' ? process.argv.slice(2) : process.argv.slice(3);
const SECONDS = Number(args[0] ?? 1);
const ROUNDS = 5;
const WASMCTL = args[1] ?? fileURLToPath(new URL('../bin/wasmctl.js', import.meta.url));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] as number;

/** The sidecar's CPU time (user + system, ms): what each call costs the server, whatever the machine's load. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function serverMicrosPerCall(pid: number, call: () => Promise<unknown>, calls = 5000): Promise<number> {
  const before = cpuMs(pid);
  for (let i = 0; i < calls; i++) await call();
  return ((cpuMs(pid) - before) * 1000) / calls;
}

/**
 * Calls per second measured by the module itself (start-up excluded), over a few seconds' worth;
 * `perCpuSecond`: the calls over this process's CPU time for the run (both threads), which the
 * machine's load does not change as it changes the wall clock's rate.
 */
async function wasmRate(connect: () => Promise<RuntimeConnection>, calls: number, inline = false): Promise<number> {
  return (await wasmRun(connect, calls, inline)).rate;
}

async function wasmRun(connect: () => Promise<RuntimeConnection>, calls: number, inline: boolean) {
  const runtime = layottoHostCalls(connect, (line) => console.error(line));
  const cpu = process.cpuUsage();
  const r = await capture(
    {
      ...request({ argv: ['getstate-loop.wasm', 'state_demo', 'book1', String(calls)], modulePath: modulePath('getstate-loop') }),
      hostCalls: runtime.hostCalls,
      // No watchdog: nothing here stops the run early, and this process outlives it.
      ...(inline ? { inline: { stopLine: (message: string) => message, parentTakesSignals: true } } : {}),
    },
    { run: runModule },
  );
  await runtime.close();
  if (r.outcome.kind !== 'exited' || r.outcome.exitCode !== 0)
    throw new Error(`bench module failed: ${JSON.stringify(r.outcome)} ${r.stdout}`);
  const used = process.cpuUsage(cpu);
  return { rate: Number(r.stdout.trim()), perCpuSecond: calls / ((used.user + used.system) / 1e6) };
}

async function rate(call: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 500; i++) await call();
  let calls = 0;
  const started = performance.now();
  const end = started + SECONDS * 1000;
  while (performance.now() < end) {
    await call();
    calls++;
  }
  return calls / ((performance.now() - started) / 1000);
}

function grpcJsGetState(address: string): { call: () => Promise<unknown>; close(): void } {
  const definition = protoLoader.loadSync('runtime.proto', { includeDirs: [RUNTIME_PROTO_DIR], keepCase: true });
  const Runtime = grpc.makeGenericClientConstructor(definition['spec.proto.runtime.v1.Runtime'] as grpc.ServiceDefinition, 'Runtime');
  const client = new Runtime(address, grpc.credentials.createInsecure()) as unknown as grpc.Client & {
    GetState(req: object, cb: (err: Error | null, res: unknown) => void): void;
  };
  const request = { store_name: 'state_demo', key: 'book1' };
  return {
    call: () => new Promise((resolve, reject) => client.GetState(request, (err, res) => (err ? reject(err) : resolve(res)))),
    close: () => client.close(),
  };
}

/** (b): the embedded in-memory components, the module inline vs on a Worker, alternating. */
async function embeddedBench(): Promise<void> {
  await buildModules();
  const embedded = new Components(DEMO_CONFIG);
  const rounds: number[][] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const onWorker = await wasmRun(async () => embedded, Math.ceil(20_000 * SECONDS), false);
    const inline = await wasmRun(async () => embedded, Math.ceil(1_000_000 * SECONDS), true);
    rounds.push([onWorker.rate, onWorker.perCpuSecond, inline.rate, inline.perCpuSecond]);
  }
  const [worker, workerPerCpu, inline, inlinePerCpu] = [0, 1, 2, 3].map((k) => median(rounds.map((r) => r[k] as number))) as [
    number,
    number,
    number,
    number,
  ];
  console.log(`(b) Wasm proxy_get_state, embedded in-memory components (no network), medians of ${ROUNDS} alternating rounds`);
  console.log(`  module on a Worker                : ${worker.toFixed(0)} calls/s, ${workerPerCpu.toFixed(0)} per CPU-second`);
  console.log(
    `  module on this thread (inline)    : ${inline.toFixed(0)} calls/s (${(inline / worker).toFixed(1)}x the Worker, target >= 1000000), ${inlinePerCpu.toFixed(0)} per CPU-second`,
  );
}

/** (a): one external `wasmctl sidecar`, grpc-js vs our client vs Wasm through the bridge, alternating. */
async function sidecarBench(): Promise<void> {
  const sidecar = execa('node', [WASMCTL, 'sidecar', '--listen', '127.0.0.1:0']);
  try {
    const address = await new Promise<string>((resolve, reject) => {
      sidecar.stdout!.on('data', (chunk: Buffer) => {
        const found = /listening on (\S+)/.exec(chunk.toString());
        if (found?.[1]) resolve(found[1]);
      });
      sidecar.catch(reject);
    });
    const ours = new RuntimeClient(address);
    await ours.saveState('state_demo', 'book1', Buffer.from('100'));
    const plain = grpcJsGetState(address);

    await buildModules();
    const rounds: Array<[number, number, number]> = [];
    for (let i = 0; i < ROUNDS; i++) {
      const grpcJsRound = await rate(plain.call);
      const http2Round = await rate(() => ours.getState('state_demo', 'book1'));
      rounds.push([grpcJsRound, http2Round, await wasmRate(async () => new RuntimeClient(address), Math.ceil(http2Round * SECONDS))]);
    }
    const [grpcJs, http2, fromWasm] = [0, 1, 2].map((k) => median(rounds.map((r) => r[k] as number))) as [number, number, number];
    const serverGrpcJs = await serverMicrosPerCall(sidecar.pid!, plain.call);
    const serverHttp2 = await serverMicrosPerCall(sidecar.pid!, () => ours.getState('state_demo', 'book1'));
    plain.close();
    ours.close();
    console.log(`(a) sequential GetState against wasmctl sidecar ${address}, medians of ${ROUNDS} alternating rounds of ~${SECONDS}s`);
    console.log(`  @grpc/grpc-js client              : ${grpcJs.toFixed(0)} calls/s`);
    console.log(`  wasmctl http2 client              : ${http2.toFixed(0)} calls/s (${(http2 / grpcJs).toFixed(2)}x grpc-js)`);
    console.log(
      `  Wasm proxy_get_state via bridge   : ${fromWasm.toFixed(0)} calls/s (${(fromWasm / grpcJs).toFixed(2)}x grpc-js, target >= 1.4x)`,
    );
    console.log(
      `  sidecar CPU per call              : ${serverGrpcJs.toFixed(0)} µs (grpc-js client), ${serverHttp2.toFixed(0)} µs (http2 client)`,
    );
  } finally {
    sidecar.kill('SIGTERM');
    await sidecar.catch(() => undefined);
  }
}

if (MODE !== 'embedded') await sidecarBench();
if (MODE !== 'sidecar') await embeddedBench();
