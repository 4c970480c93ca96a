/**
 * Sequential GetState calls per second against one external `wasmctl sidecar`: our http2 client
 * vs a plain @grpc/grpc-js client, in the same run. Run: node --import tsx bench/sidecar-client.ts [seconds]
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { execa } from 'execa';
import { RUNTIME_PROTO_DIR, RUNTIME_SERVICE, RuntimeClient } from '../src/runtime-bridge/client/index.js';

const SECONDS = Number(process.argv[2] ?? 3);
const WASMCTL = fileURLToPath(new URL('../bin/wasmctl.js', import.meta.url));

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
  const Runtime = grpc.makeGenericClientConstructor(definition[RUNTIME_SERVICE] as grpc.ServiceDefinition, 'Runtime');
  const client = new Runtime(address, grpc.credentials.createInsecure()) as unknown as grpc.Client & {
    GetState(req: object, cb: (err: Error | null, res: unknown) => void): void;
  };
  const request = { store_name: 'state_demo', key: 'book1' };
  return {
    call: () => new Promise((resolve, reject) => client.GetState(request, (err, res) => (err ? reject(err) : resolve(res)))),
    close: () => client.close(),
  };
}

const sidecar = execa('node', [WASMCTL, 'sidecar', '--listen', '127.0.0.1:0'], { cwd: join(WASMCTL, '..', '..') });
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

  const grpcJs = await rate(plain.call);
  const http2 = await rate(() => ours.getState('state_demo', 'book1'));
  plain.close();
  ours.close();
  console.log(`sequential GetState against wasmctl sidecar ${address}, ${SECONDS}s each`);
  console.log(`  @grpc/grpc-js client : ${grpcJs.toFixed(0)} calls/s`);
  console.log(`  wasmctl http2 client : ${http2.toFixed(0)} calls/s`);
  console.log(`  ratio                : ${(http2 / grpcJs).toFixed(2)}x`);
} finally {
  sidecar.kill('SIGTERM');
  await sidecar.catch(() => undefined);
}
