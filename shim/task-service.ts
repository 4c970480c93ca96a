/**
 * containerd.task.v2.Task over the tasks this server holds: the lifecycle rules (task-state.ts),
 * the events, and the answers containerd expects. Running a module is the injected runner's job
 * and publishing events the injected sink's, so these rules are unit-tested with stubs of both.
 * One server may hold the tasks of many containers (the shared, warm mode) or of one; tasks are
 * keyed by namespace and id so two namespaces never collide.
 */
import { WasmctlError } from '../common/index.js';
import type { EventSink } from './events.js';
import type { Instance, InstanceRunner } from './instance.js';
import { metricsOf, type CgroupMode } from './metrics.js';
import { timestampOf, type TaskApi } from './protocol.js';
import { STATUS_CODES, TaskState } from './task-state.js';
import type { CallContext } from './ttrpc/index.js';

export interface TaskServiceOptions {
  runner: InstanceRunner;
  events: EventSink;
  /** Called after Shutdown once no task is left: the server decides whether to exit or idle. */
  onIdle: (now: boolean) => void;
  version: string;
  /** containerd 1.6 sends no namespace metadata on ttrpc calls: the server's own, from `start`. */
  namespace: string;
  /** Which metrics shape Stats answers: what the host's containerd decodes. */
  cgroupMode: CgroupMode;
  /** The pid Connect reports for the shim. */
  shimPid?: number;
}

interface HeldTask {
  id: string;
  namespace: string;
  bundle: string;
  stdio: { stdin: string; stdout: string; stderr: string; terminal: boolean };
  state: TaskState;
  instance: Instance;
  exit?: TaskExit;
  /** Settles after `exit` is set, the state moved and the exit event published. */
  ended: Promise<TaskExit>;
}

interface TaskExit {
  status: number;
  at: Date;
}

const unimplemented = (what: string) => async (): Promise<never> => {
  throw new WasmctlError('Unimplemented', `${what} is not supported by wasmctl: a task runs one WebAssembly module`);
};

export class TaskService implements TaskApi {
  private readonly tasks = new Map<string, HeldTask>();
  /** Keys whose Create is still preparing: a second Create of one id meanwhile is AlreadyExists too. */
  private readonly creating = new Set<string>();

  constructor(private readonly options: TaskServiceOptions) {}

  get size(): number {
    return this.tasks.size;
  }

  private namespaceOf(ctx: CallContext): string {
    return ctx.namespace || this.options.namespace;
  }

  private key(ctx: CallContext, id: string): string {
    return `${this.namespaceOf(ctx)}/${id}`;
  }

  private find(req: { id: string; execId?: string }, ctx: CallContext): HeldTask {
    if (req.execId) throw new WasmctlError('NotFound', `exec ${req.execId} not found: wasmctl tasks have no exec processes`);
    const task = this.tasks.get(this.key(ctx, req.id));
    if (!task) throw new WasmctlError('NotFound', `task ${req.id} not found`);
    return task;
  }

  Create: TaskApi['Create'] = async (req, ctx) => {
    const key = this.key(ctx, req.id);
    if (this.tasks.has(key) || this.creating.has(key)) throw new WasmctlError('AlreadyExists', `task ${req.id} already exists`);
    if (req.checkpoint) throw new WasmctlError('Unimplemented', 'restoring from a checkpoint is not supported by wasmctl');
    const namespace = this.namespaceOf(ctx);
    const stdio = { stdin: req.stdin, stdout: req.stdout, stderr: req.stderr, terminal: req.terminal };
    const rootfs = req.rootfs.map((m) => ({ type: m.type ?? '', source: m.source ?? '', options: m.options ?? [] }));
    this.creating.add(key);
    const instance = await this.options.runner
      .create({ id: req.id, namespace, bundle: req.bundle, rootfs, stdio, options: req.options ?? null })
      .finally(() => this.creating.delete(key));
    const state = new TaskState(req.id);
    const ended = instance.exited.then((status) => {
      const exit = { status, at: new Date() };
      task.exit = exit;
      state.exited();
      this.options.events.publish(namespace, '/tasks/exit', {
        containerId: req.id,
        id: req.id,
        pid: instance.pid,
        exitStatus: status,
        exitedAt: timestampOf(exit.at),
      });
      return exit;
    });
    const task: HeldTask = { id: req.id, namespace, bundle: req.bundle, stdio, state, instance, ended };
    this.tasks.set(key, task);
    this.options.events.publish(namespace, '/tasks/create', {
      containerId: req.id,
      bundle: req.bundle,
      rootfs: req.rootfs,
      io: stdio,
      pid: instance.pid,
    });
    return { pid: instance.pid };
  };

  Start: TaskApi['Start'] = async (req, ctx) => {
    const task = this.find(req, ctx);
    task.state.start();
    try {
      task.instance.start();
    } catch (err) {
      task.state.startFailed();
      throw err;
    }
    task.state.started();
    this.options.events.publish(task.namespace, '/tasks/start', { containerId: task.id, pid: task.instance.pid });
    return { pid: task.instance.pid };
  };

  Wait: TaskApi['Wait'] = async (req, ctx) => {
    const exit = await this.find(req, ctx).ended;
    return { exitStatus: exit.status, exitedAt: timestampOf(exit.at) };
  };

  State: TaskApi['State'] = async (req, ctx) => {
    const task = this.find(req, ctx);
    return {
      id: task.id,
      bundle: task.bundle,
      pid: task.instance.pid,
      status: STATUS_CODES[task.state.status],
      ...task.stdio,
      exitStatus: task.exit?.status ?? 0,
      ...(task.exit ? { exitedAt: timestampOf(task.exit.at) } : {}),
    };
  };

  Kill: TaskApi['Kill'] = async (req, ctx) => {
    const task = this.find(req, ctx);
    task.state.kill();
    task.instance.kill(req.signal || 15);
    return {};
  };

  Delete: TaskApi['Delete'] = async (req, ctx) => {
    const task = this.find(req, ctx);
    const unstarted = task.state.status === 'created';
    task.state.delete();
    if (unstarted) task.instance.kill(9);
    const exit = await task.ended;
    this.tasks.delete(this.key(ctx, req.id));
    await task.instance.delete();
    const result = { pid: task.instance.pid, exitStatus: exit.status, exitedAt: timestampOf(exit.at) };
    this.options.events.publish(task.namespace, '/tasks/delete', { containerId: task.id, id: task.id, ...result });
    return result;
  };

  Pids: TaskApi['Pids'] = async (req, ctx) => ({ processes: [{ pid: this.find(req, ctx).instance.pid }] });

  Connect: TaskApi['Connect'] = async (req, ctx) => {
    const task = this.tasks.get(this.key(ctx, req.id));
    const shimPid = this.options.shimPid ?? process.pid;
    return { shimPid, taskPid: task?.instance.pid ?? shimPid, version: this.options.version };
  };

  Shutdown: TaskApi['Shutdown'] = async (req) => {
    if (this.tasks.size === 0 || req.now) this.options.onIdle(req.now);
    return {};
  };

  /** cgroup-shaped metrics of a live task; an exited one has none left (runc's shim: its cgroup is gone). */
  Stats: TaskApi['Stats'] = async (req, ctx) => {
    const task = this.find(req, ctx);
    if (task.exit) throw new WasmctlError('NotFound', `task ${task.id} has exited: no metrics`);
    return { stats: metricsOf(await task.instance.usage(), this.options.cgroupMode) };
  };

  // The client closes its end of the stdin FIFO before CloseIO, and the module's read then sees
  // EOF. Closing our end here would pull the fd from under a read in the module (EBADF, or worse,
  // a reused fd number); it is closed with the task.
  CloseIO: TaskApi['CloseIO'] = async (req, ctx) => (this.find(req, ctx), {});

  // A Wasm module has no pty to resize; accepting keeps `ctr run -t` working.
  ResizePty: TaskApi['ResizePty'] = async (req, ctx) => (this.find(req, ctx), {});

  Pause = unimplemented('pause');
  Resume = unimplemented('resume');
  Checkpoint = unimplemented('checkpoint');
  Exec = unimplemented('exec (a second process in the task)');
  Update = unimplemented('update of resources');
}
