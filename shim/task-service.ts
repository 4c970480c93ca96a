/**
 * containerd.task.v2.Task over the tasks this server holds. One server may hold the tasks of many
 * containers (the shared, warm mode) or of one (per-container mode); tasks are keyed by namespace
 * and id so two namespaces never collide.
 */
import { WasmctlError } from '../common/index.js';
import { resolveEntry } from '../runtime-bridge/index.js';
import { readBundle } from './bundle.js';
import type { EventPublisher } from './events.js';
import { taskService, timestampOf } from './protocol.js';
import { rootfsOf, type MountSpec, type Rootfs } from './rootfs.js';
import { runtimeSettings, type AnyMessage } from './runtime-options.js';
import { openStdio, openTaskLog } from './stdio.js';
import { prestartTaskProcess, Task } from './task.js';
import type { CallContext, Handler, ServiceBinding } from './ttrpc-server.js';

const STATUS_CODES = { created: 1, running: 2, stopped: 3 } as const;

export interface TaskServiceOptions {
  events: EventPublisher;
  /** Called after Shutdown once no task is left: the server decides whether to exit or idle. */
  onIdle: (now: boolean) => void;
  version: string;
  /** Keep a booted task process ready for the next task (a shared server's next container). */
  keepWarm?: boolean;
  /** containerd 1.6 sends no namespace metadata on ttrpc calls: the server's own, from `start`. */
  namespace: string;
}

interface IdRequest {
  id: string;
  execId?: string;
}

const unimplemented = (what: string): Handler => async () => {
  throw new WasmctlError('Unimplemented', `${what} is not supported by wasmctl: a task runs one WebAssembly module`);
};

export class TaskService {
  private readonly tasks = new Map<string, Task>();

  constructor(private readonly options: TaskServiceOptions) {
    if (options.keepWarm) prestartTaskProcess();
  }

  get size(): number {
    return this.tasks.size;
  }

  binding(): ServiceBinding {
    return {
      definition: taskService,
      handlers: {
        Create: (req, ctx) => this.create(req, ctx),
        Start: (req, ctx) => this.start(req, ctx),
        Wait: async (req: IdRequest, ctx) => {
          const exit = await this.find(req, ctx).exited;
          return { exitStatus: exit.status, exitedAt: timestampOf(exit.at) };
        },
        State: async (req: IdRequest, ctx) => this.state(this.find(req, ctx)),
        Kill: async (req: IdRequest & { signal: number }, ctx) => {
          this.find(req, ctx).kill(req.signal || 15);
          return {};
        },
        Delete: (req, ctx) => this.delete(req, ctx),
        Pids: async (req: IdRequest, ctx) => ({ processes: [{ pid: this.find(req, ctx).pid }] }),
        Connect: async (req: IdRequest, ctx) => {
          const task = this.tasks.get(this.key(ctx, req.id));
          return { shimPid: process.pid, taskPid: task?.pid ?? process.pid, version: this.options.version };
        },
        Shutdown: async (req: { now: boolean }) => {
          if (this.tasks.size === 0 || req.now) this.options.onIdle(req.now);
          return {};
        },
        Stats: async (req: IdRequest, ctx) => {
          this.find(req, ctx);
          return {};
        },
        // The client closes its end of the stdin FIFO before CloseIO, and the module's read then
        // sees EOF. Closing our end here would pull the fd from under a read in the module's
        // worker (EBADF, or worse, a reused fd number); it is closed with the task.
        CloseIO: async (req: IdRequest, ctx) => {
          this.find(req, ctx);
          return {};
        },
        // A Wasm module has no pty to resize; accepting keeps `ctr run -t` working.
        ResizePty: async (req: IdRequest, ctx) => {
          this.find(req, ctx);
          return {};
        },
        Pause: unimplemented('pause'),
        Resume: unimplemented('resume'),
        Checkpoint: unimplemented('checkpoint'),
        Exec: unimplemented('exec (a second process in the task)'),
        Update: unimplemented('update of resources'),
      },
    };
  }

  private key(ctx: CallContext, id: string): string {
    return `${this.namespaceOf(ctx)}/${id}`;
  }

  private namespaceOf(ctx: CallContext): string {
    return ctx.namespace || this.options.namespace;
  }

  private find(req: IdRequest, ctx: CallContext): Task {
    if (req.execId) throw new WasmctlError('NotFound', `exec ${req.execId} not found: wasmctl tasks have no exec processes`);
    const task = this.tasks.get(this.key(ctx, req.id));
    if (!task) throw new WasmctlError('NotFound', `task ${req.id} not found`);
    return task;
  }

  private async create(
    req: {
      id: string;
      bundle: string;
      rootfs: MountSpec[];
      terminal: boolean;
      stdin: string;
      stdout: string;
      stderr: string;
      checkpoint: string;
      options: AnyMessage | null;
    },
    ctx: CallContext,
  ): Promise<object> {
    const key = this.key(ctx, req.id);
    if (this.tasks.has(key)) throw new WasmctlError('AlreadyExists', `task ${req.id} already exists`);
    if (req.checkpoint) throw new WasmctlError('Unimplemented', 'restoring from a checkpoint is not supported by wasmctl');
    const log = openTaskLog(req.bundle, req.id);
    const paths = { stdin: req.stdin, stdout: req.stdout, stderr: req.stderr, terminal: req.terminal };
    let rootfs: Rootfs | undefined;
    let task: Task;
    try {
      const bundleSpec = await readBundle(req.bundle);
      const spec = { ...bundleSpec, settings: { ...(await runtimeSettings(req.options)), ...bundleSpec.settings } };
      rootfs = await rootfsOf(req.rootfs, req.bundle, spec.rootPath);
      // A missing entry fails Create, so `ctr run` prints why; a file that is not Wasm is the
      // engine's to find, and its message goes to the task's stderr with exit 126.
      if (!spec.sandbox) resolveEntry(rootfs.path, spec.args[0]!, spec.cwd);
      task = new Task({ id: req.id, bundle: req.bundle, paths, spec, rootfs, stdio: await openStdio(paths, { id: req.id, namespace: this.namespaceOf(ctx), bundle: req.bundle }), log });
    } catch (err) {
      await rootfs?.release();
      log.close();
      throw err;
    }
    this.tasks.set(key, task);
    void task.exited.then((exit) =>
      this.options.events.publish(this.namespaceOf(ctx), '/tasks/exit', {
        containerId: req.id,
        id: req.id,
        pid: task.pid,
        exitStatus: exit.status,
        exitedAt: timestampOf(exit.at),
      }),
    );
    void this.options.events.publish(this.namespaceOf(ctx), '/tasks/create', {
      containerId: req.id,
      bundle: req.bundle,
      rootfs: req.rootfs,
      io: { stdin: req.stdin, stdout: req.stdout, stderr: req.stderr, terminal: req.terminal },
      pid: task.pid,
    });
    log(`created from ${req.bundle}`);
    return { pid: task.pid };
  }

  private async start(req: IdRequest, ctx: CallContext): Promise<object> {
    const task = this.find(req, ctx);
    task.start();
    if (this.options.keepWarm) prestartTaskProcess();
    void this.options.events.publish(this.namespaceOf(ctx), '/tasks/start', { containerId: task.id, pid: task.pid });
    return { pid: task.pid };
  }

  private state(task: Task): object {
    const { paths, bundle } = task.init;
    return {
      id: task.id,
      bundle,
      pid: task.pid,
      status: STATUS_CODES[task.status],
      stdin: paths.stdin,
      stdout: paths.stdout,
      stderr: paths.stderr,
      terminal: paths.terminal,
      exitStatus: task.exit?.status ?? 0,
      ...(task.exit ? { exitedAt: timestampOf(task.exit.at) } : {}),
    };
  }

  private async delete(req: IdRequest, ctx: CallContext): Promise<object> {
    const task = this.find(req, ctx);
    if (task.status === 'running') throw new WasmctlError('FailedPrecondition', `task ${task.id} is running; kill it first`);
    if (task.status === 'created') task.kill(9);
    const exit = await task.exited;
    this.tasks.delete(this.key(ctx, req.id));
    await task.dispose();
    const result = { pid: task.pid, exitStatus: exit.status, exitedAt: timestampOf(exit.at) };
    void this.options.events.publish(this.namespaceOf(ctx), '/tasks/delete', { containerId: task.id, id: task.id, ...result });
    return result;
  }
}
