/**
 * `ctr run --runtime io.containerd.wasmctl.v1` against a real containerd 1.6 started by the test,
 * with FROM-scratch images built by buildah: what a user of containerd sees.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { startBuilder, type Builder } from '../support/buildah.js';
import { REPO } from '../support/repo.js';
import { virtualGiB } from '../support/proc.js';
import { until } from '../support/until.js';
import { shimServerPids, startContainerd, WASMCTL_RUNTIME, type Containerd } from '../support/containerd.js';

const MODULES = join(REPO, 'test/modules/build');
const IDLE_MS = 1500;

let ctrd: Containerd;
let builder: Builder;
const images: Record<string, string> = {};

/** A FROM-scratch image of `files` (name in the context → host path), imported into containerd. */
async function image(name: string, dockerfile: string, files: Record<string, string>): Promise<void> {
  const tag = `localhost/shim-test/${name}:v1`;
  const contents = Object.fromEntries(await Promise.all(Object.entries(files).map(async ([n, path]) => [n, await readFile(path)])));
  await builder.build(tag, dockerfile, contents);
  await ctrd.importBuilt(builder, tag);
  images[name] = tag;
}

before(async () => {
  await execa('bash', [join(REPO, 'scripts/build-test-modules.sh')]);
  ctrd = await startContainerd({ env: { WASMCTL_SHIM_IDLE_MS: String(IDLE_MS) } });
  builder = await startBuilder();
  const notWasm = join(builder.dir, 'run.sh');
  await writeFile(notWasm, '#!/bin/sh\necho native\n');
  await image('hello', 'FROM scratch\nCOPY hello.wasm /hello.wasm\nENV GREETING=Hi\nENTRYPOINT ["/hello.wasm", "from-image"]\n', {
    'hello.wasm': join(REPO, 'samples/hello/hello.wasm'),
  });
  await image('exit3', 'FROM scratch\nCOPY exit3.wasm /exit3.wasm\nCMD ["/exit3.wasm"]\n', { 'exit3.wasm': join(MODULES, 'exit3.wasm') });
  await image('loop', 'FROM scratch\nCOPY loop.wasm /loop.wasm\nCMD ["/loop.wasm"]\n', { 'loop.wasm': join(MODULES, 'loop.wasm') });
  await image('abi', 'FROM scratch\nCOPY abi-calls.wasm /abi-calls.wasm\nENTRYPOINT ["/abi-calls.wasm"]\n', {
    'abi-calls.wasm': join(MODULES, 'abi-calls.wasm'),
  });
  await image('echo', 'FROM scratch\nCOPY echo.wasm /echo.wasm\nCMD ["/echo.wasm"]\n', { 'echo.wasm': join(MODULES, 'echo.wasm') });
  await image('native', 'FROM scratch\nCOPY run.sh /run.sh\nCMD ["/run.sh"]\n', { 'run.sh': notWasm });
  // Two layers: the rootfs is an overlay of two lowerdirs, which the shim has to union.
  await image(
    'layers',
    'FROM scratch\nCOPY hello.wasm /bin/hello.wasm\nCOPY exit3.wasm /bin/other.wasm\nCMD ["/bin/hello.wasm", "layered"]\n',
    {
      'hello.wasm': join(REPO, 'samples/hello/hello.wasm'),
      'exit3.wasm': join(MODULES, 'exit3.wasm'),
    },
  );
});

after(async () => {
  await ctrd?.stop();
  await builder?.stop();
});

/** `ctr run --rm` of one of the images; `flags` go before the image, `args` replace its command. */
const run = (name: string, id: string, args: string[] = [], flags: string[] = []) =>
  ctrd.ctr(['run', '--rm', '--runtime', WASMCTL_RUNTIME, ...flags, images[name]!, id, ...args]);

async function taskRow(id: string): Promise<string[] | undefined> {
  const { stdout } = await ctrd.ctr(['task', 'ls']);
  return stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .find((cols) => cols[0] === id);
}

const taskStatus = async (id: string) => (await taskRow(id))?.[2];
const taskPid = async (id: string) => Number((await taskRow(id))?.[1]);

test('ctr run --rm prints the module output, with args and env from the image, and exits 0', async () => {
  const result = await run('hello', 'hello-image');
  assert.equal(result.exitCode, 0, result.all);
  assert.equal(result.stdout, 'Hi from WebAssembly!\narg[1]=from-image');
});

test('args and env given to ctr run replace the image ones, as with runc', async () => {
  const result = await run('hello', 'hello-args', ['/hello.wasm', 'a', 'b c'], ['--env', 'GREETING=Hola']);
  assert.equal(result.exitCode, 0, result.all);
  assert.equal(result.stdout, 'Hola from WebAssembly!\narg[1]=a\narg[2]=b c');
});

test("the module's exit code is ctr run's exit code, and its stderr reaches ctr", async () => {
  const result = await run('exit3', 'exit3');
  assert.equal(result.exitCode, 3);
  assert.match(result.stderr, /about to exit 3/);
});

test("ctr's stdin reaches the module through the stdin FIFO, to its end; /dev/null reads as empty", async () => {
  const fed = await ctrd.ctr(['run', '--rm', '--runtime', WASMCTL_RUNTIME, images.echo!, 'echo-fed'], { input: 'line one\nline two\n' });
  assert.equal(fed.exitCode, 0, fed.all);
  assert.equal(fed.stdout, 'line one\nline two');
  const empty = await run('echo', 'echo-devnull');
  assert.equal(empty.exitCode, 0, empty.all);
  assert.equal(empty.stdout, '');
});

test('an image of several layers runs from the union of its layers', async () => {
  const result = await run('layers', 'layers');
  assert.equal(result.exitCode, 0, result.all);
  assert.equal(result.stdout, 'Hello from WebAssembly!\narg[1]=layered');
  assert.doesNotMatch(readFileSync('/proc/self/mounts', 'utf8'), new RegExp(`${ctrd.dir}/state/\\S+/rootfs`), 'the union is unmounted');
});

test('a non-Wasm entry fails with a clear error in ctr output', async () => {
  const result = await run('native', 'native');
  assert.equal(result.exitCode, 126);
  assert.match(result.all, /\/run\.sh is not a Wasm module/);
  const missing = await run('hello', 'missing', ['/nope.wasm']);
  assert.notEqual(missing.exitCode, 0);
  assert.match(missing.all, /entry \/nope\.wasm not found in the image/);
});

test('ctr task kill stops a long-running module: RUNNING, then STOPPED, exit 143 (TERM) or 137 (KILL)', async () => {
  const detached = await ctrd.ctr(['run', '-d', '--runtime', WASMCTL_RUNTIME, images.loop!, 'loop-d']);
  assert.equal(detached.exitCode, 0, detached.all);
  assert.equal(await until('RUNNING', async () => ((await taskStatus('loop-d')) === 'RUNNING' ? 'RUNNING' : undefined)), 'RUNNING');
  assert.equal((await ctrd.ctr(['task', 'kill', 'loop-d'])).exitCode, 0);
  await until('STOPPED', async () => ((await taskStatus('loop-d')) === 'STOPPED' ? true : undefined));
  assert.equal((await ctrd.ctr(['task', 'delete', 'loop-d'])).exitCode, 0);
  assert.equal((await ctrd.ctr(['container', 'delete', 'loop-d'])).exitCode, 0);

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGKILL', 137],
  ] as const) {
    const id = `loop-${signal}`;
    const attached = ctrd.ctr(['run', '--rm', '--runtime', WASMCTL_RUNTIME, images.loop!, id]);
    await until('RUNNING', async () => ((await taskStatus(id)) === 'RUNNING' ? true : undefined));
    // RUNNING is as of Start; the module's own process may still be booting.
    await until('the module to run', async () => (virtualGiB(await taskPid(id)) > 4 ? true : undefined));
    assert.equal((await ctrd.ctr(['task', 'kill', '--signal', signal, id])).exitCode, 0);
    const result = await attached;
    assert.equal(result.exitCode, code, result.all);
    assert.match(result.stdout, /looping/);
  }
});

test('a timeout annotation stops the module with exit 124', async () => {
  const result = await run('loop', 'loop-timeout', [], ['--annotation', 'io.wasmctl.timeout-ms=300']);
  assert.equal(result.exitCode, 124, result.all);
});

test('runtime options (ctr --runtime-config-path) set limits; an annotation overrides them', async () => {
  const config = join(ctrd.dir, 'wasmctl-runtime.json');
  await writeFile(config, JSON.stringify({ timeoutMs: 300 }));
  const limited = await run('loop', 'loop-options', [], ['--runtime-config-path', config]);
  assert.equal(limited.exitCode, 124, limited.all);
  const overridden = await run(
    'exit3',
    'exit3-options',
    [],
    ['--runtime-config-path', config, '--annotation', 'io.wasmctl.timeout-ms=60000'],
  );
  assert.equal(overridden.exitCode, 3, overridden.all);
  await writeFile(config, JSON.stringify({ timeout: '1s' }));
  const bad = await run('exit3', 'bad-options', [], ['--runtime-config-path', config]);
  assert.notEqual(bad.exitCode, 0);
  assert.match(bad.all, /wasmctl runtime config .*wasmctl-runtime\.json/);
});

test("Layotto's runtime host functions are served, by the embedded sidecar unless one is named", async () => {
  const result = await run('abi', 'abi-embedded', ['/abi-calls.wasm', 'save:state_demo:k:v1', 'get:state_demo:k']);
  assert.equal(result.exitCode, 0, result.all);
  assert.equal(result.stdout, 'save 0\nget 0 v1');
  const unreachable = await run(
    'abi',
    'abi-sidecar',
    ['/abi-calls.wasm', 'get:state_demo:k'],
    ['--annotation', 'io.wasmctl.sidecar=127.0.0.1:1'],
  );
  assert.match(unreachable.all, /get [1-9]/, 'an unreachable sidecar is an error status to the module, not a hang');
});

async function fdCount(pid: number): Promise<number> {
  return (await readdir(`/proc/${pid}/fd`)).length;
}

test('50 containers in a row leave no container, shim process, socket or fd behind', async () => {
  const first = await run('hello', 'row-0');
  assert.equal(first.exitCode, 0, first.all);
  const [server] = await shimServerPids(ctrd.shimDir);
  assert.ok(server, 'a warm shared server serves the namespace');
  const fdsBefore = await fdCount(server);
  for (let i = 1; i < 50; i++) {
    const result = await run('hello', `row-${i}`);
    assert.equal(result.exitCode, 0, result.all);
  }
  assert.deepEqual(await shimServerPids(ctrd.shimDir), [server], 'still the one warm server');
  // A finished module's Worker gives its fds back asynchronously, so let the count settle.
  await until("fds back to one container's worth", async () => ((await fdCount(server)) <= fdsBefore ? true : undefined), 3000);
  assert.equal((await ctrd.ctr(['container', 'ls', '-q'])).stdout, '');
  assert.deepEqual(await readdir(join(ctrd.dir, 'state/io.containerd.runtime.v2.task', ctrd.namespace)), [], 'no bundle left');
  // Idle, the shared server goes, and takes its socket with it.
  await until('idle exit', async () => ((await shimServerPids(ctrd.shimDir)).length === 0 ? true : undefined), IDLE_MS + 10_000);
  const left = (await readdir(ctrd.shimDir)).filter((f) => f.endsWith('.sock') || f.endsWith('.pid'));
  assert.deepEqual(left, []);
});

test('per-container mode (annotation) runs its own server, gone with its container', async () => {
  const flags = ['--annotation', 'io.wasmctl.shim-mode=per-container'];
  const result = await run('hello', 'own-server', [], flags);
  assert.equal(result.exitCode, 0, result.all);
  assert.equal(result.stdout, 'Hi from WebAssembly!\narg[1]=from-image');

  for (const id of ['own-loop', 'own-loop-2']) {
    const detached = await ctrd.ctr(['run', '-d', '--runtime', WASMCTL_RUNTIME, ...flags, images.loop!, id]);
    assert.equal(detached.exitCode, 0, detached.all);
  }
  const servers = await shimServerPids(ctrd.shimDir);
  const own = servers.filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('per-container'));
  assert.equal(own.length, 2, 'one server per container');
  const address = (id: string) => readFile(join(ctrd.dir, 'state/io.containerd.runtime.v2.task', ctrd.namespace, id, 'address'), 'utf8');
  assert.notEqual(await address('own-loop'), await address('own-loop-2'), 'each on its own socket');
  assert.equal(await taskStatus('own-loop-2'), 'RUNNING');
  assert.equal((await ctrd.ctr(['task', 'kill', '--signal', 'SIGKILL', 'own-loop'])).exitCode, 0);
  await until('STOPPED', async () => ((await taskStatus('own-loop')) === 'STOPPED' ? true : undefined));
  assert.equal((await ctrd.ctr(['task', 'delete', 'own-loop'])).exitCode, 0);
  // Well before the shared server's idle time: it is the container's deletion that ends it.
  // (A zombie counts as ended: reaping it is the init's business, and this VM's init is slow.)
  await until('its server to exit', async () => ((await shimServerPids(ctrd.shimDir)).length === 1 ? true : undefined), IDLE_MS / 2);
  assert.equal(await taskStatus('own-loop-2'), 'RUNNING', 'the other container is untouched');
  assert.equal((await ctrd.ctr(['task', 'kill', '--signal', 'SIGKILL', 'own-loop-2'])).exitCode, 0);
  await until('STOPPED', async () => ((await taskStatus('own-loop-2')) === 'STOPPED' ? true : undefined));
  assert.equal((await ctrd.ctr(['task', 'delete', 'own-loop-2'])).exitCode, 0);
  await until('no server left', async () => ((await shimServerPids(ctrd.shimDir)).length === 0 ? true : undefined), IDLE_MS / 2);
  for (const id of ['own-loop', 'own-loop-2']) assert.equal((await ctrd.ctr(['container', 'delete', id])).exitCode, 0);
});

test('a crashed shared server strands no task: it ends as exited 137 and the next run gets a fresh server', async () => {
  // Long enough for a loaded 2-core machine (the run alone took 3.5 s there), short enough to wait out.
  const events = ctrd.ctr(['events'], { timeout: 10_000 });
  assert.equal((await ctrd.ctr(['run', '-d', '--runtime', WASMCTL_RUNTIME, images.loop!, 'crash-victim'])).exitCode, 0);
  await until('RUNNING', async () => ((await taskStatus('crash-victim')) === 'RUNNING' ? true : undefined));
  const [server] = await shimServerPids(ctrd.shimDir);
  process.kill(server!, 'SIGKILL');
  await until('the task to go', async () => ((await taskStatus('crash-victim')) === undefined ? true : undefined));
  assert.match((await events).stdout, /\/tasks\/exit \{"container_id":"crash-victim".*"exit_status":137/);
  assert.equal((await ctrd.ctr(['container', 'delete', 'crash-victim'])).exitCode, 0);
  const next = await run('hello', 'after-crash');
  assert.equal(next.exitCode, 0, next.all);
  assert.notDeepEqual(await shimServerPids(ctrd.shimDir), [server]);
});
