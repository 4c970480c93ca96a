/**
 * Sequential GetState calls per second, in one run: (a) against one external `wasmctl sidecar`, a
 * plain @grpc/grpc-js client vs our http2 client vs a Wasm module calling `proxy_get_state` through
 * the host-call bridge and that client; (b) the same module against the embedded components (no
 * network). Each of (a) runs in ROUNDS alternating rounds, medians printed, so that a shared
 * machine's swings hit all three alike.
 * Run: npm run build && node --import tsx bench/host-calls.ts [seconds per round] [wasmctl.js to serve]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { execa } from 'execa';
import { RUNTIME_PROTO_DIR, RuntimeClient } from '../runtime-bridge/client/index.js';
import { layottoHostCalls, type RuntimeConnection } from '../runtime-bridge/index.js';
import { Components, DEMO_CONFIG } from '../runtime-bridge/sidecar/index.js';
import { buildModules, capture, modulePath, request } from '../test/modules/harness.js';

const SECONDS = Number(process.argv[2] ?? 1);
const ROUNDS = 5;
const WASMCTL = process.argv[3] ?? fileURLToPath(new URL('../bin/wasmctl.js', import.meta.url));
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

/** Calls per second measured by the module itself (start-up excluded), over a few seconds' worth. */
async function wasmRate(connect: () => Promise<RuntimeConnection>, calls: number): Promise<number> {
  const runtime = layottoHostCalls(connect, (line) => console.error(line));
  const r = await capture({
    ...request({ argv: ['getstate-loop.wasm', 'state_demo', 'book1', String(calls)], modulePath: modulePath('getstate-loop') }),
    hostCalls: runtime.hostCalls,
  });
  await runtime.close();
  if (r.outcome.kind !== 'exited' || r.outcome.exitCode !== 0)
    throw new Error(`bench module failed: ${JSON.stringify(r.outcome)} ${r.stdout}`);
  return Number(r.stdout.trim());
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
  const embedded = new Components(DEMO_CONFIG);
  await embedded.saveState('state_demo', 'book1', Buffer.from('100'));
  const fromWasmEmbedded = await wasmRate(async () => embedded, 100_000 * SECONDS);
  console.log(`(a) sequential GetState against wasmctl sidecar ${address}, medians of ${ROUNDS} alternating rounds of ~${SECONDS}s`);
  console.log(`  @grpc/grpc-js client              : ${grpcJs.toFixed(0)} calls/s`);
  console.log(`  wasmctl http2 client              : ${http2.toFixed(0)} calls/s (${(http2 / grpcJs).toFixed(2)}x grpc-js)`);
  console.log(
    `  Wasm proxy_get_state via bridge   : ${fromWasm.toFixed(0)} calls/s (${(fromWasm / grpcJs).toFixed(2)}x grpc-js, target >= 1.4x)`,
  );
  console.log(
    `  sidecar CPU per call              : ${serverGrpcJs.toFixed(0)} µs (grpc-js client), ${serverHttp2.toFixed(0)} µs (http2 client)`,
  );
  console.log('(b) Wasm proxy_get_state, embedded sidecar (no network)');
  console.log(`  calls/s                           : ${fromWasmEmbedded.toFixed(0)} (target >= 50000)`);
} finally {
  sidecar.kill('SIGTERM');
  await sidecar.catch(() => undefined);
}
