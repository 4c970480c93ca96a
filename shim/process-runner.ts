/**
 * The shim's instance runner: a task is its bundle read, its rootfs ready, its stdio opened and a
 * task process of its own (task.ts) running the module over the engine.
 */
import { resolveEntry } from '../runtime-bridge/index.js';
import { readBundle } from './bundle.js';
import type { CreateRequest, Instance, InstanceRunner } from './instance.js';
import { pssOf } from './metrics.js';
import { rootfsOf, type Rootfs } from './rootfs.js';
import { runtimeSettings } from './runtime-options.js';
import { openStdio, openTaskLog } from './stdio.js';
import { prestartTaskProcess, Task } from './task.js';

export class ProcessRunner implements InstanceRunner {
  private live = 0;

  /** `keepWarm`: keep a booted task process ready for the next task (a shared server's next container). */
  constructor(private readonly keepWarm: boolean) {
    if (keepWarm) prestartTaskProcess();
  }

  async create(req: CreateRequest): Promise<Instance> {
    const log = openTaskLog(req.bundle, req.id);
    let rootfs: Rootfs | undefined;
    try {
      const bundleSpec = await readBundle(req.bundle);
      const spec = { ...bundleSpec, settings: { ...(await runtimeSettings(req.options)), ...bundleSpec.settings } };
      rootfs = await rootfsOf(req.rootfs, req.bundle, spec.rootPath);
      // A missing entry fails Create, so `ctr run` prints why; a file that is not Wasm is the
      // engine's to find, and its message goes to the task's stderr with exit 126.
      if (!spec.sandbox) resolveEntry(rootfs.path, spec.args[0]!, spec.cwd);
      const stdio = await openStdio(req.stdio, { id: req.id, namespace: req.namespace, bundle: req.bundle });
      const task = new Task({
        spec,
        rootfs,
        stdio,
        log,
        // The server is shared by the tasks it holds: each is charged its part.
        overheadBytes: async () => (await pssOf(process.pid)) / Math.max(1, this.live),
        // A shared server boots the next task's process as soon as this one has taken its own.
        onStart: () => this.keepWarm && prestartTaskProcess(),
        onDelete: () => this.live--,
      });
      this.live++;
      log(`created from ${req.bundle}`);
      return task;
    } catch (err) {
      await rootfs?.release();
      log.close();
      throw err;
    }
  }
}
