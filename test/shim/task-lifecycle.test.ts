/**
 * The task service's lifecycle rules with a stub runner and a recording event sink: no process,
 * no socket, no containerd. (task-service.test.ts wires the real runner over ttrpc.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  messages,
  metricsOf,
  TaskService,
  type CreateRequest,
  type EventSink,
  type Instance,
  type InstanceRunner,
  type ResourceUsage,
} from '../../shim/index.js';

class StubInstance implements Instance {
  readonly exited: Promise<number>;
  readonly signals: number[] = [];
  started = 0;
  deleted = 0;
  end!: (status: number) => void;
  constructor(readonly pid: number) {
    this.exited = new Promise((resolve) => (this.end = resolve));
  }
  start(): void {
    this.started++;
  }
  kill(signo: number): void {
    this.signals.push(signo);
    if (!this.started) this.end(128 + signo);
  }
  async usage(): Promise<ResourceUsage> {
    return { memoryBytes: 5 << 20, memoryLimitBytes: 0, cpuUserNs: 3_000_000, cpuSystemNs: 1_000_000, tasks: 2 };
  }
  async delete(): Promise<void> {
    this.deleted++;
  }
}

function service() {
  const instances = new Map<string, StubInstance>();
  const events: string[] = [];
  let nextPid = 100;
  const runner: InstanceRunner = {
    async create(req: CreateRequest) {
      if (req.bundle === '/bad') throw new Error('bad bundle');
      const instance = new StubInstance(nextPid++);
      instances.set(req.id, instance);
      return instance;
    },
  };
  const sink: EventSink = { publish: (namespace, topic) => void events.push(`${namespace}${topic}`) };
  const tasks = new TaskService({ runner, events: sink, onIdle: () => undefined, version: 't', namespace: 'ns', cgroupMode: 'v1' });
  const create = (id: string, bundle = `/b/${id}`) =>
    tasks.Create(new messages.containerd.task.v2.CreateTaskRequest({ id, bundle }), { namespace: '' });
  return { tasks, instances, events, create, ctx: { namespace: '' } };
}

const tick = () => new Promise((r) => setImmediate(r));
/** A request as ttrpc decodes it (every field present); the same shape serves every id-keyed method. */
const req = (id: string, signal = 0) => ({ id, execId: '', signal }) as never;

test('created → running → exited → deleted, with its events in order', async () => {
  const { tasks, instances, events, create, ctx } = service();
  assert.equal((await create('a')).pid, 100);
  assert.equal((await tasks.State(req('a'), ctx)).status, 1);
  const waited = tasks.Wait(req('a'), ctx);
  await tasks.Start(req('a'), ctx);
  assert.equal((await tasks.State(req('a'), ctx)).status, 2);
  instances.get('a')!.end(3);
  assert.equal((await waited).exitStatus, 3);
  assert.equal((await tasks.State(req('a'), ctx)).status, 3);
  assert.equal((await tasks.Delete(req('a'), ctx)).exitStatus, 3);
  assert.equal(instances.get('a')!.deleted, 1);
  assert.deepEqual(events, ['ns/tasks/create', 'ns/tasks/start', 'ns/tasks/exit', 'ns/tasks/delete']);
  await assert.rejects(tasks.State(req('a'), ctx), /task a not found/);
});

test('illegal transitions answer FailedPrecondition; a kill after the exit answers NotFound', async () => {
  const { tasks, instances, create, ctx } = service();
  await create('b');
  await tasks.Start(req('b'), ctx);
  await assert.rejects(
    tasks.Start(req('b'), ctx),
    (err: any) => err.kind === 'FailedPrecondition' && /is running: cannot start/.test(err.message),
  );
  await assert.rejects(tasks.Delete(req('b'), ctx), (err: any) => err.kind === 'FailedPrecondition' && /kill it first/.test(err.message));
  await tasks.Kill(req('b', 15), ctx);
  assert.deepEqual(instances.get('b')!.signals, [15]);
  instances.get('b')!.end(143);
  await tick();
  await assert.rejects(tasks.Kill(req('b', 9), ctx), (err: any) => err.kind === 'NotFound');
  await assert.rejects(tasks.Start(req('b'), ctx), (err: any) => err.kind === 'FailedPrecondition' && /is exited/.test(err.message));
  assert.equal(instances.get('b')!.started, 1, 'a refused start never reaches the runner');
});

test('a created task deleted unstarted is killed (137); a second Create of an id is AlreadyExists', async () => {
  const { tasks, instances, create, ctx } = service();
  await create('c');
  await assert.rejects(create('c'), (err: any) => err.kind === 'AlreadyExists');
  assert.equal((await tasks.Delete(req('c'), ctx)).exitStatus, 137);
  assert.deepEqual(instances.get('c')!.signals, [9]);
  const [first, second] = await Promise.allSettled([create('twice'), create('twice')]);
  assert.equal(first.status, 'fulfilled');
  assert.ok(second.status === 'rejected' && second.reason.kind === 'AlreadyExists', 'a Create while the first is still preparing');
  await assert.rejects(create('d', '/bad'), /bad bundle/);
  await assert.rejects(tasks.State(req('d'), ctx), /not found/, 'a failed Create holds nothing');
});

test('tasks of two namespaces with one id stay apart', async () => {
  const { tasks } = service();
  const request = (id: string) => new messages.containerd.task.v2.CreateTaskRequest({ id, bundle: `/b/${id}` });
  const one = await tasks.Create(request('same'), { namespace: 'one' });
  const two = await tasks.Create(request('same'), { namespace: 'two' });
  assert.notEqual(one.pid, two.pid);
  await tasks.Delete(req('same'), { namespace: 'one' });
  assert.equal((await tasks.State(req('same'), { namespace: 'two' })).pid, two.pid);
});

test('Stats: cgroups v1 metrics of a live task in an Any, none once it has exited', async () => {
  const { tasks, instances, create, ctx } = service();
  await create('e');
  await tasks.Start(req('e'), ctx);
  const { stats } = await tasks.Stats(req('e'), ctx);
  assert.equal(stats?.type_url, 'io.containerd.cgroups.v1.Metrics');
  const metrics = messages.io.containerd.cgroups.v1.Metrics.decode(stats!.value!);
  assert.equal(Number(metrics.memory?.usage?.usage), 5 << 20);
  assert.equal(Number(metrics.cpu?.usage?.total), 4_000_000);
  assert.equal(Number(metrics.pids?.current), 2);
  instances.get('e')!.end(0);
  await tick();
  await assert.rejects(tasks.Stats(req('e'), ctx), (err: any) => err.kind === 'NotFound');
});

test('Stats in the v2 shape on a unified host', () => {
  const any = metricsOf({ memoryBytes: 7 << 20, memoryLimitBytes: 1 << 30, cpuUserNs: 2000, cpuSystemNs: 1000, tasks: 3 }, 'v2');
  assert.equal(any.type_url, 'io.containerd.cgroups.v2.Metrics');
  const metrics = messages.io.containerd.cgroups.v2.Metrics.decode(any.value!);
  assert.deepEqual(
    [Number(metrics.memory?.usage), Number(metrics.memory?.usageLimit), Number(metrics.cpu?.usageUsec), Number(metrics.pids?.current)],
    [7 << 20, 1 << 30, 3, 3],
  );
});
