/**
 * runModule: the engine's one entry point. The worker is started first (as an eval'd CommonJS
 * script, the fastest way to boot one) so that its start-up overlaps reading and compiling the
 * module on this thread; the config and the compiled module are then handed over by message.
 * Booting a worker (~35 ms) costs more than anything else in `wasmctl run`, so a caller that knows
 * a run is coming can start it even earlier with prestartWorker.
 *
 * The CLI's startup snapshot evaluates this module (cli/snapshot.ts), and node:worker_threads
 * loaded while a snapshot is built leaves Workers broken after deserialization: it, the host-call
 * server (which needs its MessageChannel) and the worker's path, which depends on where the bundle
 * runs from, are all taken at first use.
 */
import { constants } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { ExitCode, describeError, signalExit, exitCodeOf, isWasmctlError } from '../../common/index.js';
import type { InlineHostCalls, RunOutcome, RunRequest, RunningModule } from '../types.js';
import { isComponent, prepareComponent } from './component/index.js';
import { compileModule, compileModuleSync, loadModuleBytes, resolveEntry } from './entry.js';
import type { HostServer } from './host-server.js';
import { dropWatchdog, runInline } from './inline-run.js';
import { validateRequest } from './request.js';
import { workerBoot, workerFile, workerThreads } from './worker-file.js';
import type { HostRoute } from './worker/host-channel.cjs';
import type { HostImportFactory } from './worker/host-imports.cjs';
import type { StartMessage, WorkerConfig, WorkerResult } from './worker/protocol.cjs';

let boot: string | undefined;

function startWorker(): Worker {
  boot ??= workerBoot(workerFile(import.meta.url, './worker/main'));
  return new (workerThreads().Worker)(boot, { eval: true });
}

const channelOf = (server: HostServer): HostRoute => ({
  sab: server.sab,
  port: server.workerPort,
  wakePort: server.workerWakePort,
  deadlineMs: server.deadlineMs,
});

async function startHostServer(req: RunRequest): Promise<HostServer | null> {
  if (!req.hostCalls) return null;
  const { serveHostCalls } = await import('./host-server.js');
  return serveHostCalls(req.hostCalls);
}

/** A started worker no run has taken yet, and how it lets go of it if it dies first. */
let spare: { worker: Worker; drop: () => void } | null = null;

/**
 * Starts the next runModule's worker now, so that its boot overlaps the caller's own work (the
 * CLI's image lookup). Unref'd until taken: a run that fails before runModule still exits.
 */
export function prestartWorker(): void {
  if (spare) return;
  const worker = startWorker();
  worker.unref();
  // A spare that dies unused is forgotten: runModule then starts its own, which reports why.
  const drop = (): void => {
    if (spare?.worker === worker) spare = null;
  };
  worker.once('error', drop);
  worker.once('exit', drop);
  spare = { worker, drop };
}

function takeWorker(): Worker {
  if (!spare) return startWorker();
  const { worker, drop } = spare;
  spare = null;
  worker.off('error', drop);
  worker.off('exit', drop);
  worker.ref();
  return worker;
}

export function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

function outcomeOf(result: WorkerResult): RunOutcome {
  switch (result.type) {
    case 'exited':
      return { kind: 'exited', exitCode: result.exitCode };
    case 'trapped':
      return { kind: 'trapped', exitCode: ExitCode.TRAP, message: result.message };
    case 'failed':
      return { kind: 'failed', exitCode: result.exitCode, message: result.message, ...(result.kind ? { errorKind: result.kind } : {}) };
  }
}

/** A failure on this thread, with its kind. */
const failedOutcome = (err: unknown): RunOutcome => ({
  kind: 'failed',
  exitCode: exitCodeOf(err),
  message: describeError(err),
  errorKind: isWasmctlError(err) ? err.kind : 'Internal',
});

const timeoutMessage = (ms: number): string => `module exceeded --timeout ${formatDuration(ms)}`;

type Prepared = Pick<StartMessage, 'module' | 'component'>;

function readEntry(req: RunRequest): Uint8Array {
  const shownAs = req.argv[0] as string;
  const hostPath = req.modulePath ?? resolveEntry(req.rootfs as string, shownAs, req.cwd);
  return loadModuleBytes(hostPath, shownAs, req.limits.memoryBytes);
}

/** `stopped` aborts when the run ends first (timeout, kill): a component's transpile stops with it. */
async function prepareModule(req: RunRequest, read: Uint8Array | null, stopped: AbortSignal): Promise<Prepared> {
  const shownAs = req.argv[0] as string;
  const bytes = read ?? readEntry(req);
  if (isComponent(bytes)) {
    return { module: null, component: await prepareComponent(bytes, shownAs, req.limits.memoryBytes, req.componentCache, stopped) };
  }
  return { module: await compileModule(bytes, shownAs), component: null };
}

const ranHere = (outcome: RunOutcome): RunningModule => ({
  done: Promise.resolve(outcome),
  ended: Promise.resolve(),
  kill: () => undefined,
});

/** The host functions the module imports, of those the request provides. */
const usedHostImports = (module: WebAssembly.Module, req: RunRequest): string[] => {
  const provided = new Set(req.hostCalls?.imports);
  return WebAssembly.Module.imports(module)
    .filter((i) => i.module === 'env' && provided.has(i.name))
    .map((i) => i.name);
};

/** A run that starts once `started` settles (the host's connection open): its outcome, its thread. */
const runAfter = (started: Promise<RunningModule>): RunningModule => ({
  done: started.then((r) => r.done),
  ended: started.then((r) => r.ended),
  kill: (signal) => void started.then((r) => r.kill(signal)),
});

/**
 * `req.inline`: the module on this thread when it is a core module on our engine whose host
 * functions, if any, the host answers at once (`hostCalls.answerNow`); else the bytes read, for
 * runOnWorker, or a run that decides once the host has said.
 */
function runHere(req: RunRequest, inline: NonNullable<RunRequest['inline']>): RunningModule | Uint8Array {
  const shownAs = req.argv[0] as string;
  try {
    const bytes = readEntry(req);
    if (req.engine !== 'wasmctl' || isComponent(bytes)) return bytes;
    const module = compileModuleSync(bytes, shownAs);
    const timeoutMs = req.limits.timeoutMs ?? null;
    const stop = {
      timeoutMs,
      parentTakesSignals: inline.parentTakesSignals ?? false,
      timeoutLine: timeoutMs === null ? '' : inline.stopLine(timeoutMessage(timeoutMs)),
    };
    const here = (host: InlineHostCalls | null): RunningModule | Uint8Array => {
      const result = runInline(module, workerConfig(req, host && { answer: host.answer }, host?.hostImports), stop);
      return result ? ranHere(outcomeOf(result)) : bytes;
    };
    const imports = usedHostImports(module, req);
    if (imports.length === 0) return here(null);
    const answerNow = req.hostCalls?.answerNow;
    if (!answerNow) return bytes;
    return runAfter(
      answerNow(imports).then(
        (host) => {
          const ran = host ? here(host) : bytes;
          return ran instanceof Uint8Array ? onWorkerAfterAll(req, ran) : ran;
        },
        (err: unknown) => ranHere(failedOutcome(err)),
      ),
    );
  } catch (err) {
    return ranHere(failedOutcome(err));
  }
}

function onWorkerAfterAll(req: RunRequest, bytes: Uint8Array): RunningModule {
  dropWatchdog();
  return runOnWorker(req, bytes);
}

/**
 * Starts the module. Throws (InvalidArgument) only for a malformed request; everything about the
 * module itself — missing entry, invalid Wasm, missing imports, traps — ends up in `done`.
 */
export function runModule(req: RunRequest): RunningModule {
  validateRequest(req);
  if (!req.inline) return runOnWorker(req, null);
  const here = runHere(req, req.inline);
  return here instanceof Uint8Array ? onWorkerAfterAll(req, here) : here;
}

function runOnWorker(req: RunRequest, bytes: Uint8Array | null): RunningModule {
  const worker = takeWorker();
  const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let hostServer: HostServer | null = null;

  let settle: (outcome: RunOutcome) => void = () => undefined;
  const done = new Promise<RunOutcome>((resolve) => (settle = resolve));
  let finished = false;
  const stopped = new AbortController();
  const finish = (outcome: RunOutcome): void => {
    if (finished) return;
    finished = true;
    stopped.abort();
    clearTimeout(timer);
    hostServer?.stop();
    worker.removeAllListeners('message');
    void worker.terminate();
    settle(outcome);
  };

  const timeoutMs = req.limits.timeoutMs;
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => finish({ kind: 'timeout', exitCode: ExitCode.TIMEOUT, message: timeoutMessage(timeoutMs) }), timeoutMs);

  worker.on('message', (result: WorkerResult) => finish(outcomeOf(result)));
  worker.on('error', (err) => finish(failedOutcome(err)));
  worker.on('exit', () =>
    finish({ kind: 'failed', exitCode: ExitCode.TOOL_FAILURE, message: 'the module worker ended unexpectedly', errorKind: 'Internal' }),
  );

  const start = ({ module, component }: Prepared, server: HostServer | null): void => {
    if (finished) {
      server?.stop();
      return;
    }
    hostServer = server;
    worker.postMessage(
      { config: workerConfig(req, server && channelOf(server)), module, component } satisfies StartMessage,
      server ? [server.workerPort, server.workerWakePort] : [],
    );
  };
  const serverReady = startHostServer(req);
  Promise.all([prepareModule(req, bytes, stopped.signal), serverReady]).then(
    ([prepared, server]) => start(prepared, server),
    (err: unknown) => {
      serverReady.then(
        (server) => server?.stop(),
        () => undefined,
      );
      finish(failedOutcome(err));
    },
  );

  return {
    done,
    ended,
    kill(signal) {
      finish({ kind: 'killed', exitCode: signalExit(constants.signals[signal]), signal });
    },
  };
}

function workerConfig(req: RunRequest, route: HostRoute | null, hostImports?: Record<string, HostImportFactory>): WorkerConfig {
  return {
    engine: req.engine,
    args: req.argv,
    env: req.env,
    rootfs: req.rootfs,
    mounts: req.mounts,
    stdio: req.stdio,
    nofile: req.limits.nofile ?? null,
    invoke: req.invoke ?? null,
    hostCalls:
      req.hostCalls && route
        ? {
            ...route,
            imports: req.hostCalls.imports,
            workerModule: req.hostCalls.workerModule ?? null,
            ...(hostImports ? { hostImports } : {}),
          }
        : null,
  };
}
