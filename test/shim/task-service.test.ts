/**
 * The task service as containerd drives it (Create, Connect, Wait before Start, Start, State,
 * Delete, Shutdown), over real ttrpc on a unix socket, with the real engine and a bundle on disk;
 * events received by a ttrpc Events server standing in for containerd's. And the sh `delete`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import {
  bindService,
  EventPublisher,
  EVENTS_SERVICE,
  messages,
  ProcessRunner,
  TASK_SERVICE,
  TaskService,
  TtrpcClient,
  TtrpcServer,
} from '../../shim/index.js';
import { isWasmctlError, type ErrorKind } from '../../common/index.js';
import { REPO } from '../support/repo.js';

/** A ttrpc error as the client gives it back: the status code's kind, and the server's message. */
const failsWith =
  (kind: ErrorKind, message: RegExp) =>
  (err: unknown): boolean =>
    isWasmctlError(err) && err.kind === kind && message.test(err.message);

const NAMESPACE = 'unit';
let dir: string;
let servers: TtrpcServer[];
let client: TtrpcClient;
let publisher: EventPublisher;
const topics: string[] = [];
let idleCalls = 0;

const call = (method: keyof typeof TASK_SERVICE.methods, request: object): Promise<Record<string, any>> =>
  client.invoke(TASK_SERVICE, method, request as never);

async function bundle(id: string, args: string[], annotations: Record<string, string> = {}): Promise<object> {
  const path = join(dir, id);
  await mkdir(join(path, 'rootfs'), { recursive: true });
  await copyFile(join(REPO, 'samples/hello/hello.wasm'), join(path, 'rootfs/hello.wasm'));
  await copyFile(join(REPO, 'test/modules/build/loop.wasm'), join(path, 'rootfs/loop.wasm'));
  const spec = { process: { args, env: ['GREETING=Bonjour'], cwd: '/' }, root: { path: 'rootfs' }, annotations };
  await writeFile(join(path, 'config.json'), JSON.stringify(spec));
  await writeFile(join(path, 'out'), '');
  await writeFile(join(path, 'err'), '');
  return { id, bundle: path, rootfs: [], stdout: join(path, 'out'), stderr: join(path, 'err') };
}

before(async () => {
  await execa('bash', [join(REPO, 'scripts/build-test-modules.sh')]);
  dir = await mkdtemp(join(tmpdir(), 'wasmctl-tasks-'));
  const events = new TtrpcServer([
    bindService(EVENTS_SERVICE, {
      Forward: async (req) => {
        topics.push(req.envelope?.topic ?? '');
        return {};
      },
    }),
  ]);
  await events.listen(join(dir, 'events.sock'));
  publisher = new EventPublisher(join(dir, 'events.sock'), (m) => assert.fail(m));
  const tasks = new TaskService({
    runner: new ProcessRunner(false),
    events: publisher,
    version: 'test',
    namespace: NAMESPACE,
    cgroupMode: 'v1',
    onIdle: () => idleCalls++,
  });
  const shim = new TtrpcServer([bindService(TASK_SERVICE, tasks)]);
  await shim.listen(join(dir, 'shim.sock'));
  servers = [events, shim];
  client = new TtrpcClient(join(dir, 'shim.sock'));
});

after(async () => {
  client.close();
  await publisher.close();
  for (const server of servers) await server.close();
  await rm(dir, { recursive: true, force: true });
});

test("ctr run's sequence: Wait blocks until exit, State goes CREATED → STOPPED, events in order", async () => {
  const create = await bundle('t1', ['/hello.wasm', 'x']);
  const { pid } = await call('Create', create);
  assert.ok(pid > 0 && pid !== process.pid, "the pid is the task's own process, which runs the module");
  assert.equal((await call('Connect', { id: 't1' })).shimPid, process.pid);
  assert.equal((await call('State', { id: 't1' })).status, 1);
  const waited = call('Wait', { id: 't1' });
  await call('Start', { id: 't1' });
  const exit = await waited;
  assert.equal(exit.exitStatus, 0);
  const state = await call('State', { id: 't1' });
  assert.equal(state.status, 3);
  assert.equal(state.exitStatus, 0);
  assert.deepEqual(
    (await call('Pids', { id: 't1' })).processes.map((p: { pid: number }) => p.pid),
    [pid],
  );
  const deleted = await call('Delete', { id: 't1' });
  assert.equal(deleted.exitStatus, 0);
  assert.ok(deleted.exitedAt.seconds > 0);
  assert.equal(await readFile(join(dir, 't1/out'), 'utf8'), 'Bonjour from WebAssembly!\narg[1]=x\n');
  await call('Shutdown', { id: 't1' });
  assert.equal(idleCalls, 1, 'Shutdown with no task left lets the server decide to go');
  await until(() => topics.length === 4);
  assert.deepEqual(topics, ['/tasks/create', '/tasks/start', '/tasks/exit', '/tasks/delete']);
});

test('Kill: 128+signal, a running task cannot be deleted, a stopped one cannot be killed', async () => {
  await call('Create', await bundle('t2', ['/loop.wasm']));
  await call('Start', { id: 't2' });
  await assert.rejects(call('Delete', { id: 't2' }), failsWith('FailedPrecondition', /is running; kill it first/));
  await call('Kill', { id: 't2', signal: 15 });
  assert.equal((await call('Wait', { id: 't2' })).exitStatus, 143);
  await assert.rejects(call('Kill', { id: 't2', signal: 9 }), failsWith('NotFound', /process already finished/));
  assert.equal((await call('Delete', { id: 't2' })).exitStatus, 143);
  await assert.rejects(call('State', { id: 't2' }), failsWith('NotFound', /task t2 not found/));
});

test('Create refuses a duplicate id, a missing entry and a bad annotation; Pause/Exec are Unimplemented', async () => {
  await call('Create', await bundle('t3', ['/hello.wasm']));
  await assert.rejects(call('Create', await bundle('t3', ['/hello.wasm'])), failsWith('AlreadyExists', /already exists/));
  await assert.rejects(call('Create', await bundle('t4', ['/nope.wasm'])), /entry \/nope\.wasm not found in the image/);
  await assert.rejects(
    call('Create', await bundle('t5', ['/hello.wasm'], { 'io.wasmctl.timeout-ms': 'soon' })),
    /annotation: io\.wasmctl\.timeout-ms: .*number/,
  );
  await assert.rejects(call('Pause', { id: 't3' }), failsWith('Unimplemented', /pause is not supported by wasmctl/));
  await assert.rejects(call('Exec', { id: 't3', execId: 'e1' }), failsWith('Unimplemented', /./));
  await assert.rejects(call('State', { id: 't3', execId: 'e1' }), /exec e1 not found/);
  assert.equal((await call('Delete', { id: 't3' })).exitStatus, 137, 'a created task deleted unstarted counts as killed');
});

test('the sh delete prints a DeleteResponse: exit 137 now, with a pid', async () => {
  const { stdout } = await execa(
    join(REPO, 'bin/containerd-shim-wasmctl-v1'),
    ['-namespace', NAMESPACE, '-id', 'gone', '-bundle', dir, 'delete'],
    {
      encoding: 'buffer',
    },
  );
  const response = messages.containerd.task.v2.DeleteResponse.decode(stdout);
  assert.equal(response.exitStatus, 137);
  assert.ok(response.pid > 0);
  assert.ok(Math.abs(Number(response.exitedAt?.seconds) - Date.now() / 1000) < 5, 'exited_at is now');
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
}
