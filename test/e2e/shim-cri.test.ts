/**
 * A pod as the kubelet runs it: containerd's CRI plugin, configured with a `wasmctl` runtime
 * handler, driven over its gRPC socket (RunPodSandbox with that handler, CreateContainer,
 * StartContainer, ContainerStatus), the container's output read from the CRI log file.
 * Host network, so no CNI is needed; the sandbox image is imported (there is no network here).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { startBuilder, type Builder } from '../support/buildah.js';
import { REPO } from '../support/repo.js';
import { startContainerd, type Containerd } from '../support/containerd.js';
import { until } from '../support/until.js';

const IMAGE = 'localhost/shim-cri/hello:v1';
const HOLD_IMAGE = 'localhost/shim-cri/hold:v1';
const NODE_NETWORK = 2;

let ctrd: Containerd;
let builder: Builder;
let runtime: Record<string, (request: object) => Promise<any>>;
let client: grpc.Client;

before(async () => {
  // The pod's sandbox image is the hello image too: the shim runs no process for a sandbox.
  ctrd = await startContainerd({ cri: { sandboxImage: IMAGE }, namespace: 'k8s.io' });
  builder = await startBuilder();
  await builder.build(IMAGE, 'FROM scratch\nCOPY hello.wasm /hello.wasm\nENV GREETING=Hi\nCMD ["/hello.wasm"]\n', {
    'hello.wasm': await readFile(join(REPO, 'samples/hello/hello.wasm')),
  });
  await ctrd.importBuilt(builder, IMAGE);
  await builder.build(HOLD_IMAGE, 'FROM scratch\nCOPY hold.wasm /hold.wasm\nCMD ["/hold.wasm", "40"]\n', {
    'hold.wasm': await readFile(join(REPO, 'test/modules/build/shim-hold-memory.wasm')),
  });
  await ctrd.importBuilt(builder, HOLD_IMAGE);
  const definition = protoLoader.loadSync(join(REPO, 'proto/containerd/cri-api.proto'), { longs: Number, enums: Number, defaults: true });
  const Service = (grpc.loadPackageDefinition(definition) as any).runtime.v1.RuntimeService as grpc.ServiceClientConstructor;
  client = new Service(`unix://${ctrd.address}`, grpc.credentials.createInsecure());
  runtime = Object.fromEntries(
    [
      'Version',
      'RunPodSandbox',
      'StopPodSandbox',
      'RemovePodSandbox',
      'CreateContainer',
      'StartContainer',
      'ContainerStatus',
      'ContainerStats',
    ].map((m) => [m, promisify((client as any)[m].bind(client)) as (request: object) => Promise<any>]),
  );
});

after(async () => {
  client?.close();
  await ctrd?.stop();
  await builder?.stop();
});

/** A pod of the wasmctl handler on the host network, as the kubelet asks for one. */
function sandboxConfigOf(name: string, logDirectory: string) {
  return {
    metadata: { name, uid: `uid-${name}`, namespace: 'default', attempt: 0 },
    hostname: name,
    logDirectory,
    annotations: { 'io.wasmctl.timeout-ms': '10000' },
    linux: { securityContext: { namespaceOptions: { network: NODE_NETWORK, pid: 0, ipc: 0 } } },
  };
}

test('RunPodSandbox with the wasmctl handler, CreateContainer, StartContainer: the module runs, its output in the CRI log', async () => {
  assert.equal((await runtime.Version!({ version: 'v1' })).runtimeName, 'containerd');
  const logDirectory = join(ctrd.dir, 'pods/hello');
  await mkdir(logDirectory, { recursive: true });
  const sandboxConfig = sandboxConfigOf('hello', logDirectory);
  const { podSandboxId } = await runtime.RunPodSandbox!({ config: sandboxConfig, runtimeHandler: 'wasmctl' });
  assert.ok(podSandboxId);
  const { containerId } = await runtime.CreateContainer!({
    podSandboxId,
    config: {
      metadata: { name: 'hello', attempt: 0 },
      image: { image: IMAGE },
      command: ['/hello.wasm'],
      args: ['pod'],
      envs: [{ key: 'GREETING', value: 'Hello pod' }],
      logPath: 'hello.log',
    },
    sandboxConfig,
  });
  await runtime.StartContainer!({ containerId });
  let status: { state: number; exitCode: number; logPath: string } | undefined;
  for (let i = 0; i < 100; i++) {
    status = (await runtime.ContainerStatus!({ containerId })).status;
    if (status?.state === 2) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(status?.state, 2, 'CONTAINER_EXITED');
  assert.equal(status?.exitCode, 0);
  const log = await readFile(join(logDirectory, 'hello.log'), 'utf8');
  assert.match(log, /stdout F Hello pod from WebAssembly!/);
  assert.match(log, /stdout F arg\[1\]=pod/);
  await runtime.StopPodSandbox!({ podSandboxId });
  await runtime.RemovePodSandbox!({ podSandboxId });
  assert.equal((await ctrd.ctr(['container', 'ls', '-q'])).stdout, '');
});

test("ContainerStats of a running Wasm container: the kubelet's CPU and working-set figures", async (t) => {
  const logDirectory = join(ctrd.dir, 'pods/hold');
  await mkdir(logDirectory, { recursive: true });
  const sandboxConfig = sandboxConfigOf('hold', logDirectory);
  const { podSandboxId } = await runtime.RunPodSandbox!({ config: sandboxConfig, runtimeHandler: 'wasmctl' });
  try {
    const { containerId } = await runtime.CreateContainer!({
      podSandboxId,
      config: { metadata: { name: 'hold', attempt: 0 }, image: { image: HOLD_IMAGE }, logPath: 'hold.log' },
      sandboxConfig,
    });
    await runtime.StartContainer!({ containerId });
    const stats = await until('a working set above 40 MiB', async () => {
      const { stats } = await runtime.ContainerStats!({ containerId });
      return stats?.memory?.workingSetBytes?.value > 40 << 20 ? stats : undefined;
    });
    t.diagnostic(`cpu ${stats.cpu.usageCoreNanoSeconds.value} ns, working set ${stats.memory.workingSetBytes.value} bytes`);
    assert.equal(stats.attributes.id, containerId);
    assert.ok(stats.cpu.usageCoreNanoSeconds.value > 0);
    assert.ok(stats.memory.workingSetBytes.value < 140 << 20, "the task's memory, not the host's");
  } finally {
    await runtime.StopPodSandbox!({ podSandboxId });
    await runtime.RemovePodSandbox!({ podSandboxId });
  }
  assert.equal((await ctrd.ctr(['container', 'ls', '-q'])).stdout, '');
});
