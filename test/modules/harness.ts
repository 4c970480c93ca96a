/**
 * Runs the test modules through the engine for the engine-*.test.ts suites: builds them once,
 * makes a temp rootfs folder, and captures stdout/stderr through real files on real fds.
 */
import * as fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { runModule, type RunOutcome, type RunRequest, type RunningModule } from '../../runtime-bridge/index.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const BUILD = path.join(HERE, 'build');

let built: Promise<unknown> | null = null;
export function buildModules(): Promise<unknown> {
  built ??= execa('bash', [path.join(HERE, '../../scripts/build-test-modules.sh')]);
  return built;
}

export const modulePath = (name: string): string => path.join(BUILD, `${name}.wasm`);

export type TreeEntry = string | Uint8Array | { symlink: string } | { dir: true };

export interface Sandbox {
  dir: string;
  /** Writes files under `dir` (paths relative to it). */
  write(tree: Record<string, TreeEntry>): void;
  cleanup(): Promise<void>;
}

export async function sandbox(): Promise<Sandbox> {
  const dir = await mkdtemp(path.join(tmpdir(), 'wasmctl-engine-'));
  return {
    dir,
    write(tree) {
      for (const [rel, entry] of Object.entries(tree)) {
        const at = path.join(dir, rel);
        fs.mkdirSync(path.dirname(at), { recursive: true });
        if (typeof entry === 'object' && 'symlink' in entry) fs.symlinkSync(entry.symlink, at);
        else if (typeof entry === 'object' && 'dir' in entry) fs.mkdirSync(at, { recursive: true });
        else fs.writeFileSync(at, entry);
      }
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface Captured {
  outcome: RunOutcome;
  stdout: string;
  stderr: string;
}

/** A request with the test defaults: no rootfs mounts, fds filled in by `capture`. */
export function request(over: Partial<RunRequest> & Pick<RunRequest, 'argv'>): RunRequest {
  return {
    rootfs: null,
    env: [],
    cwd: '/',
    mounts: [],
    stdio: { stdin: null, stdout: 1, stderr: 2 },
    limits: {},
    engine: 'wasmctl',
    ...over,
  };
}

/**
 * Runs `req` with stdout/stderr going to temp files (and stdin from `stdin`, when given), then
 * returns what the module printed. `during` sees the running module (to kill it, say).
 */
export async function capture(
  req: RunRequest,
  /** `run`: another build's runModule (a benchmark's, from dist/). */
  options: { stdin?: string; during?: (running: RunningModule) => void; run?: typeof runModule } = {},
): Promise<Captured> {
  const io = await sandbox();
  const file = (name: string, flags: string): number => fs.openSync(path.join(io.dir, name), flags);
  if (options.stdin !== undefined) io.write({ stdin: options.stdin });
  const fds = {
    stdin: options.stdin === undefined ? null : file('stdin', 'r'),
    stdout: file('stdout', 'w'),
    stderr: file('stderr', 'w'),
  };
  try {
    const running = (options.run ?? runModule)({ ...req, stdio: fds });
    options.during?.(running);
    const outcome = await running.done;
    const read = (name: string): string => fs.readFileSync(path.join(io.dir, name), 'utf8');
    return { outcome, stdout: read('stdout'), stderr: read('stderr') };
  } finally {
    for (const fd of Object.values(fds)) if (fd !== null) fs.closeSync(fd);
    await io.cleanup();
  }
}
