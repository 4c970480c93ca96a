/**
 * `run`: an image, an archive or a bare .wasm module, with docker's rules for Entrypoint, Cmd and
 * Env. `wasmctl run` is this plus flag parsing. The CLI's startup snapshot evaluates this module
 * (through cli/snapshot-run.ts), so it imports the engine's and the store's files themselves, not
 * runtime-bridge's index, which loads node:worker_threads (see run-module.ts).
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ExitCode, WasmctlError, describeError, hasKind, lastWins } from '../common/index.js';
import { type OnProgress, type PullPolicy, type StoredImage, commandOf, componentCacheDir, openStore } from '../image/index.js';
import { layottoHostCalls } from '../runtime-bridge/abi/host-calls.js';
import { connectRuntime } from '../runtime-bridge/connect.js';
import { resolveEntry } from '../runtime-bridge/engine/entry.js';
import { needsWatchdog, prestartWatchdog } from '../runtime-bridge/engine/inline-run.js';
import { prestartWorker, runModule } from '../runtime-bridge/engine/run-module.js';
import { parseAllowedHost, withOutgoingHttp } from '../runtime-bridge/engine/component/http/outgoing-host.js';
import { type Subscriber, parseSubscription, withSubscriptions } from '../runtime-bridge/engine/component/messaging-host.js';
import type { EngineName, Mount, RunOutcome, RunRequest, RunningModule } from '../runtime-bridge/types.js';
import { defaultStoreRoot } from './store-root.js';
import { type Capture, type StdioOption, openStdio } from './stdio.js';
import { parseDuration, parseMemory } from './units.js';

export interface RunOptions {
  /** Replace the image's Cmd (docker's rule); after a bare module, its arguments. */
  args?: string[];
  /** Replaces the image's Entrypoint and drops its Cmd. */
  entrypoint?: string;
  /** `NAME=value` entries (or a record) over the image's Env: one entry per name, the last winning. */
  env?: string[] | Record<string, string>;
  /** Absolute working directory inside the image. */
  workdir?: string;
  /** Host folders the module sees; guest path `/` gives a bare module a whole root. */
  mounts?: Mount[];
  /** Milliseconds, or `90s`, `1m30s`, `500ms`. */
  timeout?: number | string;
  /** Cap on linear memory: bytes, or `64m`, `1g`. */
  memory?: number | string;
  /** Most descriptors the module may hold, stdio and preopens included (default 1024). */
  nofile?: number;
  /** Default: stdin `ignore`, stdout and stderr `pipe` (returned as Buffers). */
  stdin?: 'ignore' | 'inherit' | number;
  stdout?: StdioOption;
  stderr?: StdioOption;
  engine?: EngineName;
  /** Image store folder (default: $WASMCTL_ROOT, else $XDG_DATA_HOME/wasmctl). */
  root?: string;
  pull?: PullPolicy;
  platform?: string;
  plainHttp?: boolean;
  onProgress?: OnProgress;
  /** host:port of a Layotto-compatible sidecar for the runtime host calls. */
  sidecar?: string;
  /** Layotto's config.json for the embedded sidecar. */
  sidecarConfig?: string;
  /** `HOST[:PORT]`s a component's wasi:http/outgoing-handler may reach (`--allow-http`); none else. */
  allowHttp?: string[];
  /** `PUBSUB:TOPIC`s whose messages a component's wasi:messaging/incoming-handler is called with (`--subscribe`). */
  subscribe?: string[];
  /** Lines about the host calls (an unreachable sidecar, say); default: dropped. */
  onWarning?: (line: string) => void;
  /**
   * Run the module on this thread (the fastest start) in a process that exists for this run: the
   * call returns once the module has ended, and a signal or the timeout ends the process
   * (RunRequest's `inline`). `wasmctl run` does.
   */
  inline?: RunRequest['inline'];
}

export interface RunResult {
  exitCode: number;
  outcome: RunOutcome['kind'];
  /** Why wasmctl ended it: a trap, --timeout, a module that could not start. */
  message?: string;
  stdout?: Buffer;
  stderr?: Buffer;
}

export interface RunHandle {
  readonly done: Promise<RunResult>;
  /** Stops the module; the result's exit code is 128 + the signal's number. */
  kill(signal: NodeJS.Signals): void;
  /** Resolves once the module's thread has ended: for a module V8 cannot stop, only with the process. */
  readonly ended: Promise<void>;
}

const isWasmFile = (target: string) => target.endsWith('.wasm') && existsSync(target) && statSync(target).isFile();
const TRANSPORT = /^(?:docker-archive|oci-archive|oci):/;
const isLocalArchive = (target: string) => !target.includes(':') && existsSync(target);
/** A folder (an OCI layout), or a file with a tar header (POSIX `ustar` magic at offset 257). */
function looksLikeTar(path: string): boolean {
  if (statSync(path).isDirectory()) return true;
  const header = Buffer.alloc(512);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, header, 0, 512, 0) === 512 && header.toString('latin1', 257, 262) === 'ustar';
  } finally {
    closeSync(fd);
  }
}
/** Only a host path looks like this: a missing one is named as such, not parsed as a reference. */
const isPathLike = (target: string) => /^\.{0,2}\//.test(target) || target.endsWith('.wasm');

async function findImage(target: string, options: RunOptions): Promise<StoredImage> {
  const store = openStore(options.root ?? defaultStoreRoot());
  if (isLocalArchive(target)) {
    if (!looksLikeTar(target)) {
      throw new WasmctlError('InvalidArgument', `${target} is not a tar archive, an OCI layout or a .wasm module`, {
        hint: 'give an image reference, a `docker save` or OCI archive, an OCI layout folder, or a .wasm file',
      });
    }
    const [image] = await store.load({ path: resolve(target) });
    if (!image) throw new WasmctlError('InvalidArgument', `${target} holds no image`);
    return image;
  }
  const fetch = {
    ...(options.platform === undefined ? {} : { platform: options.platform }),
    plainHttp: options.plainHttp ?? false,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  const pull = options.pull ?? 'missing';
  if (pull === 'always' || TRANSPORT.test(target)) return store.resolve(target, { ...fetch, pull });
  try {
    return await store.resolve(target, { ...fetch, pull: 'never' });
  } catch (err) {
    if (!hasKind(err, 'NotFound')) throw err;
  }
  const missing = `Unable to find image '${target}' locally`;
  if (pull === 'never')
    throw new WasmctlError('NotFound', missing, { hint: `pull it first (wasmctl pull ${target}), or drop --pull never` });
  try {
    return await store.pull(target.replace(/^docker:\/\//, ''), fetch);
  } catch (err) {
    const kind = err instanceof WasmctlError ? err.kind : 'Unavailable';
    throw new WasmctlError(kind, `${missing}, and pulling it failed: ${describeError(err)}`, { cause: err });
  }
}

const envEntries = (env: RunOptions['env']): string[] =>
  Array.isArray(env) ? env : Object.entries(env ?? {}).map(([name, value]) => `${name}=${value}`);

/** A 127 that says why: arguments after IMAGE took the Cmd's place, entry included. */
function checkReplacedEntry(image: StoredImage, argv: string[], cwd: string, replacedCmd: boolean): void {
  if (!replacedCmd || image.config.entrypoint.length > 0) return;
  try {
    resolveEntry(image.rootfs, argv[0] as string, cwd);
  } catch (err) {
    if (!(err instanceof WasmctlError) || err.exitCode !== ExitCode.ENTRY_MISSING) throw err;
    throw new WasmctlError(
      'NotFound',
      `entry "${argv[0]}" not found in the image; the arguments after IMAGE replaced its Cmd ${JSON.stringify(image.config.cmd)}`,
      {
        exitCode: ExitCode.ENTRY_MISSING,
        hint: `name the module first (wasmctl run IMAGE ${image.config.cmd[0] ?? 'module.wasm'} ARGS…), or give the image an ENTRYPOINT`,
      },
    );
  }
}

async function buildRequest(target: string, options: RunOptions, stdio: RunRequest['stdio']): Promise<RunRequest> {
  if (isPathLike(target) && !existsSync(target)) throw new WasmctlError('NotFound', `${target} does not exist`);
  const args = options.args ?? [];
  if (options.workdir !== undefined && !options.workdir.startsWith('/')) {
    throw new WasmctlError('InvalidArgument', `workdir ${options.workdir} is not absolute`, { hint: 'a path inside the image, e.g. /app' });
  }
  const common = {
    // A component's transpiled core modules are kept in the store, keyed by its digest.
    componentCache: componentCacheDir(options.root ?? defaultStoreRoot()),
    mounts: options.mounts ?? [],
    stdio,
    limits: {
      ...(options.timeout === undefined ? {} : { timeoutMs: parseDuration(options.timeout, 'timeout') }),
      ...(options.memory === undefined ? {} : { memoryBytes: parseMemory(options.memory, 'memory') }),
      ...(options.nofile === undefined ? {} : { nofile: options.nofile }),
    },
    engine: options.engine ?? 'wasmctl',
  };
  const userEnv = envEntries(options.env);
  if (isWasmFile(target)) {
    const argv = [target, ...args];
    return { ...common, rootfs: null, modulePath: resolve(target), argv, env: lastWins(userEnv), cwd: options.workdir ?? '/' };
  }
  const image = await findImage(target, options);
  const command = commandOf(image, {
    args,
    env: userEnv,
    ...(options.entrypoint === undefined ? {} : { entrypoint: options.entrypoint }),
    ...(options.workdir === undefined ? {} : { workdir: options.workdir }),
  });
  checkReplacedEntry(image, command.argv, command.cwd, args.length > 0 && options.entrypoint === undefined);
  return { ...common, rootfs: image.rootfs, ...command };
}

const resultOf = (outcome: RunOutcome, captured: { stdout?: Buffer; stderr?: Buffer }): RunResult => ({
  exitCode: outcome.exitCode,
  outcome: outcome.kind,
  ...('message' in outcome ? { message: outcome.message } : {}),
  ...captured,
});

/** Starts the module and returns at once; `done` resolves when it has ended, whichever way. */
export async function startRun(target: string, options: RunOptions = {}): Promise<RunHandle> {
  // The module's worker (or an inline run's watchdog) boots while the image is looked up.
  if (!options.inline) prestartWorker();
  else if (needsWatchdog(options.timeout !== undefined, options.inline.parentTakesSignals ?? false)) prestartWatchdog();
  const capture: Capture = openStdio(options);
  const log = options.onWarning ?? (() => undefined);
  let connecting: ReturnType<typeof connectRuntime> | undefined;
  const connect = () => (connecting ??= connectRuntime({ sidecar: options.sidecar, sidecarConfig: options.sidecarConfig }));
  const runtime = layottoHostCalls(connect, log);
  const subscriptions = (options.subscribe ?? []).map(parseSubscription);
  let running: RunningModule;
  let subscribed: Awaited<ReturnType<typeof withSubscriptions>> | undefined;
  try {
    const request = await buildRequest(target, options, capture.fds);
    const subscriber = async () => (options.sidecar === undefined ? ((await connect()) as unknown as Subscriber) : null);
    subscribed = await withSubscriptions(runtime.hostCalls, subscriptions, subscriber, log);
    const hostCalls = withOutgoingHttp(subscribed.hostCalls, (options.allowHttp ?? []).map(parseAllowedHost));
    running = runModule({ ...request, hostCalls, ...(options.inline ? { inline: options.inline } : {}) });
  } catch (err) {
    capture.close();
    await subscribed?.close();
    await runtime.close();
    throw err;
  }
  const done = running.done.then(async (outcome) => {
    await subscribed?.close();
    await runtime.close();
    return resultOf(outcome, capture.collect());
  });
  return { done, kill: (signal) => running.kill(signal), ended: running.ended };
}

/** Runs to the end: `{ exitCode, stdout?, stderr? }`; throws only when wasmctl itself fails (exit 125). */
export async function run(target: string, options: RunOptions = {}): Promise<RunResult> {
  return (await startRun(target, options)).done;
}
