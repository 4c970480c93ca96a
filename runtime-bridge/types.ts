/**
 * The contract between whoever resolves a module (cli `run`, the shim, `serve`) and the engine.
 * The engine does not know where the image came from.
 */
import type { ErrorKind, ExitCode } from '../common/index.js';
import type { HostImportFactory } from './engine/worker/host-imports.cjs';

/** A host folder the module may see, and nothing else of the host. */
export interface Mount {
  hostPath: string;
  guestPath: string;
  readOnly: boolean;
}

export interface RunLimits {
  /** Wall-clock limit; exceeded → the module is stopped, outcome `timeout`. */
  timeoutMs?: number;
  /** Cap on the module's linear memory and tables together, in bytes (memory in whole 64 KiB pages). */
  memoryBytes?: number;
  /** Most descriptors the module may hold at once, stdio and preopens included (docker's `--ulimit nofile`; default 1024). */
  nofile?: number;
}

/** Host file descriptors the module's fds 0, 1 and 2 map to (the shim passes opened FIFOs). */
export interface RunStdio {
  stdin: number | null;
  stdout: number;
  stderr: number;
}

/** The WASI engines a module can run on: ours (sandboxed, the default) and @wasmer/wasi. */
export const ENGINE_NAMES = ['wasmctl', 'wasmer'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** A host function's answer: a status the import returns to the module, and bytes. */
export interface HostCallReply {
  status: number;
  data: Uint8Array;
}

/**
 * Host functions: `env.*` imports whose calls block the module while the main thread answers
 * (`handle`). Each listed name gets the implementation from `workerModule`, else the generic
 * `env.NAME(ptr, len, out_ptr_ptr, out_len_ptr) -> status` (reply copied into the module's `malloc`).
 */
export interface HostCalls {
  /** `env` import names to provide. */
  imports: string[];
  handle(method: string, payload: Uint8Array): Promise<HostCallReply> | HostCallReply;
  /** Absolute path of a CommonJS file exporting `hostImports: Record<name, HostImportFactory>`. */
  workerModule?: string;
  /** How long one call may wait for `handle`; past it the module is stopped (default 30 s). */
  deadlineMs?: number;
  /**
   * For a module on the calling thread (RunRequest.inline): resolves to a handler that answers
   * each of `imports` at once, without I/O (the embedded in-memory components), or to null when
   * one of them needs I/O, and the module then runs on a Worker, its calls answered by `handle`.
   */
  answerNow?(imports: string[]): Promise<InlineHostCalls | null>;
}

/** How the host answers a module on its own thread. */
export interface InlineHostCalls {
  answer(method: string, payload: Uint8Array): HostCallReply;
  /** `workerModule`'s implementations, already loaded here (a path cannot be required from the CLI's startup snapshot). */
  hostImports: Record<string, HostImportFactory>;
}

export interface RunRequest {
  /** Host folder holding the image's files, seen read-only as `/` by the module; null for none. */
  rootfs: string | null;
  /** argv as the module sees it; argv[0] is the entry as written (resolved inside rootfs). */
  argv: string[];
  /** The module file when it is not inside a rootfs (`wasmctl run ./hello.wasm`). */
  modulePath?: string;
  env: string[];
  /** Working directory inside the rootfs. */
  cwd: string;
  mounts: Mount[];
  stdio: RunStdio;
  limits: RunLimits;
  engine: EngineName;
  hostCalls?: HostCalls;
  /** For a reactor (no `_start`): the export to call after `_initialize`. */
  invoke?: string;
  /**
   * Run a core module on the calling thread, the fastest start, in a process that exists for this
   * run (`wasmctl run`'s): runModule returns once the module has ended, and a signal (SIGINT,
   * SIGTERM, SIGHUP) or the timeout ends the whole process with 128 + n or 124, writing
   * `stopLine(message)` to stderr for the timeout. Components, `engine: 'wasmer'` and modules
   * whose host functions `hostCalls.answerNow` cannot answer at once run on a Worker as without it. `parentTakesSignals`: the parent
   * process stops this one on a signal (bin/wasmctl does), so only a timeout needs watching.
   */
  inline?: { stopLine(message: string): string; parentTakesSignals?: boolean };
  /** Folder where transpiled WASI 0.2 components are kept by digest (the store's); default: a per-user temp folder. */
  componentCache?: string;
}

export type RunOutcome =
  | { kind: 'exited'; exitCode: number }
  | { kind: 'trapped'; exitCode: typeof ExitCode.TRAP; message: string }
  | { kind: 'timeout'; exitCode: typeof ExitCode.TIMEOUT; message: string }
  | { kind: 'killed'; exitCode: number; signal: NodeJS.Signals }
  | { kind: 'failed'; exitCode: number; message: string; errorKind?: ErrorKind };

export interface RunningModule {
  /** Resolves once the module has ended, whichever way. Never rejects. */
  readonly done: Promise<RunOutcome>;
  /**
   * Resolves once the module's thread has ended, which can be long after `done` (never, for one
   * stuck in memory.grow or a blocking read): see exitWhenEnded.
   */
  readonly ended: Promise<void>;
  /** Stops the module; its outcome becomes `killed` with exit code 128+signal number. */
  kill(signal: NodeJS.Signals): void;
}
