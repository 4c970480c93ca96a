/**
 * A private containerd for tests: its own root, state, sockets and config.toml in a temp folder,
 * the repo's bin/ first on its PATH (so `io.containerd.wasmctl.v1` finds our shim), driven with
 * `ctr --address`. Images come from buildah (test/support/buildah.ts) through docker-archives.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import type { Builder } from './buildah.js';
import { REPO } from './repo.js';
import { parentOf } from './proc.js';

export const WASMCTL_RUNTIME = 'io.containerd.wasmctl.v1';

export interface ContainerdOptions {
  /** Extra environment for containerd, which its shims inherit (WASMCTL_SHIM_MODE, …). */
  env?: Record<string, string>;
  /**
   * Load the CRI plugin with a `wasmctl` runtime handler (slower start-up); its pods' sandbox
   * image must be imported by the test (no network here), in the `k8s.io` namespace.
   */
  cri?: { sandboxImage: string };
  /** The namespace `ctr` works in; default `wasmctl-test` (CRI's is `k8s.io`). */
  namespace?: string;
  /**
   * A config.toml as a user writes it (e.g. docs/containerd.md's), instead of the generated one:
   * only this containerd's own folders and socket are put in after its `version` line.
   */
  userConfig?: string;
}

export interface Containerd {
  dir: string;
  address: string;
  /** Where the shim keeps its sockets (WASMCTL_SHIM_DIR). */
  shimDir: string;
  namespace: string;
  /** Runs `ctr --address … -n …`; never rejects, the result carries the exit code. */
  ctr(
    args: string[],
    options?: { timeout?: number; input?: string },
  ): Promise<{ exitCode: number; stdout: string; stderr: string; all: string }>;
  importArchive(path: string): Promise<void>;
  /** What containerd has logged so far (warnings and errors). */
  log(): string;
  /** Moves an image `builder` has built into this containerd (through a docker-archive). */
  importBuilt(builder: Builder, tag: string): Promise<void>;
  stop(): Promise<void>;
}

function configToml(dir: string, cri: ContainerdOptions['cri']): string {
  const criSection = cri
    ? `
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "${cri.sandboxImage}"
  disable_apparmor = true
  enable_selinux = false
[plugins."io.containerd.grpc.v1.cri".cni]
  bin_dir = "${dir}/cni/bin"
  conf_dir = "${dir}/cni/conf"
[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
  runtime_type = "io.containerd.runc.v2"
[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.wasmctl]
  runtime_type = "${WASMCTL_RUNTIME}"
`
    : '';
  // Top-level keys first: in TOML, anything after a [table] header belongs to that table.
  return `version = 2
root = "${dir}/root"
state = "${dir}/state"
${cri ? '' : 'disabled_plugins = ["io.containerd.grpc.v1.cri"]'}
[grpc]
  address = "${dir}/containerd.sock"
[plugins."io.containerd.internal.v1.opt"]
  path = "${dir}/opt"
${criSection}`;
}

/** `userConfig` with this containerd's own root, state, socket and opt folder: top-level keys, so before its first table. */
function privateFolders(dir: string, userConfig: string): string {
  const own = `root = "${dir}/root"\nstate = "${dir}/state"\n[grpc]\n  address = "${dir}/containerd.sock"\n[plugins."io.containerd.internal.v1.opt"]\n  path = "${dir}/opt"\n`;
  const firstTable = userConfig.search(/^\[/m);
  if (firstTable < 0) throw new Error('the config has no table');
  const [head, tables] = [userConfig.slice(0, firstTable), userConfig.slice(firstTable)];
  // [grpc] and the opt table are tables too: they go after the head's top-level keys, before the user's tables.
  const [keys, ownTables] = [own.slice(0, own.indexOf('[')), own.slice(own.indexOf('['))];
  return `${head}${keys}${ownTables}${tables}`;
}

export async function startContainerd(options: ContainerdOptions = {}): Promise<Containerd> {
  const dir = await mkdtemp(join(tmpdir(), 'wasmctl-ctrd-'));
  const address = join(dir, 'containerd.sock');
  const shimDir = join(dir, 'shims');
  const namespace = options.namespace ?? 'wasmctl-test';
  await writeFile(join(dir, 'config.toml'), options.userConfig ? privateFolders(dir, options.userConfig) : configToml(dir, options.cri));
  const daemon = execa('containerd', ['--config', join(dir, 'config.toml'), '--log-level', 'warn'], {
    env: { PATH: `${join(REPO, 'bin')}:${process.env.PATH ?? ''}`, WASMCTL_SHIM_DIR: shimDir, ...options.env },
    stdio: ['ignore', 'ignore', 'pipe'],
    reject: false,
  });
  let daemonLog = '';
  let imported = 0;
  daemon.stderr?.on('data', (chunk: Buffer) => (daemonLog += chunk.toString()));
  const ctr: Containerd['ctr'] = async (args, opts = {}) => {
    const result = await execa('ctr', ['--address', address, '-n', namespace, ...args], {
      reject: false,
      all: true,
      ...(opts.input === undefined ? { stdin: 'ignore' as const } : { input: opts.input }),
      timeout: opts.timeout ?? 60_000,
    });
    return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr, all: result.all ?? '' };
  };
  await waitForDaemon(ctr, daemon, () => daemonLog);
  const importArchive = async (path: string) => {
    const result = await ctr(['images', 'import', '--all-platforms', path]);
    if (result.exitCode !== 0) throw new Error(`ctr images import ${path}: ${result.all}`);
  };
  return {
    dir,
    address,
    shimDir,
    namespace,
    ctr,
    importArchive,
    log: () => daemonLog,
    async importBuilt(builder, tag) {
      const archive = join(dir, `image-${++imported}.tar`);
      await builder.push(tag, `docker-archive:${archive}:${tag}`);
      await importArchive(archive);
      await rm(archive);
    },
    async stop() {
      daemon.kill('SIGTERM');
      await daemon;
      // Shims outlive containerd by design; a test's own shared server goes with its folder.
      await killShimServers(shimDir);
      await unmountBelow(dir);
      await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** Snapshots, and the shm CRI mounts for a pod sandbox, may outlive their containerd: undo them. */
async function unmountBelow(dir: string): Promise<void> {
  const mounts = (await readFile('/proc/self/mounts', 'utf8')).split('\n').map((line) => line.split(' ')[1] ?? '');
  const below = mounts.filter((target) => target.startsWith(`${dir}/`)).sort((a, b) => b.length - a.length);
  for (const target of below) await execa('umount', [target], { reject: false });
}

async function waitForDaemon(ctr: Containerd['ctr'], daemon: ResultPromise, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (daemon.exitCode !== null && daemon.exitCode !== undefined) throw new Error(`containerd exited: ${log()}`);
    if ((await ctr(['version'], { timeout: 2000 })).exitCode === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`containerd did not come up: ${log()}`);
}

/**
 * Pids of the live shim servers with sockets in `shimDir` (a zombie has no cmdline: not listed).
 * Only node itself: `setsid node …` matches too for the instant between its fork and exec, and so
 * does a task process a server is spawning (its child, until it execs).
 */
export async function shimServerPids(shimDir: string): Promise<number[]> {
  const { stdout } = await execa('pgrep', ['-f', `dist/shim/server.js --socket ${shimDir}/`], { reject: false });
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  const isNode = (pid: number) => /(^|\/)node$/.test(read(`/proc/${pid}/cmdline`).split('\0')[0] ?? '');
  const nodes = stdout.split('\n').filter(Boolean).map(Number).filter(isNode);
  return nodes.filter((pid) => !nodes.includes(parentOf(pid)));
}

async function killShimServers(shimDir: string): Promise<void> {
  for (const pid of await shimServerPids(shimDir)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
