/**
 * `wasmctl run`'s first-use code, run once while the startup snapshot is built (snapshot.ts): V8
 * compiles a function at its first call and the snapshot keeps what was compiled, so a `run` from
 * the snapshot does not compile commander's parser, run's option schema, the store lookup and the
 * entry's lookup again (a first run in a process costs ~10 ms more than the next ones). The
 * engine's Wasm side cannot be warmed: a snapshot is built without WebAssembly.
 * Nothing here may leave state behind: the command tree is a throwaway one, the store and the
 * image are in a temp folder. A store whose files this no longer matches fails the snapshot's build
 * (bin/wasmctl then starts without it; the launcher's tests see that).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { commandOf, openStore } from '../image/index.js';
import { loadModuleBytes, resolveEntry } from '../runtime-bridge/engine/entry.js';
import { warmOptions } from './commands/run.js';

/** `(module (memory (export "memory") 1 2) (func (export "_start")))`: an entry to find, read and cap. */
const WARM_MODULE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 4, 1, 1, 1, 2, 7, 19, 2, 6, 109, 101, 109, 111, 114, 121, 2, 0, 6, 95, 115,
  116, 97, 114, 116, 0, 0, 10, 4, 1, 2, 0, 11,
]);

/** Runs `run`'s path once without its action's effects; `program` is a command tree of its own, thrown away after. */
export async function warmRunPath(program: Command): Promise<void> {
  const ignore = () => undefined;
  program.configureOutput({ writeOut: ignore, writeErr: ignore });
  program.commands.find((command) => command.name() === 'run')?.action(ignore);
  await program.parseAsync(['node', 'wasmctl', '--root', '/nonexistent', 'run', '-e', 'A=1', '--timeout', '1s', 'warm:v1', 'arg']);
  warmOptions();
  const dir = mkdtempSync(join(tmpdir(), 'wasmctl-warm-'));
  try {
    // A store holding one image, as the store writes it (image/store.ts, index-file.ts).
    const digest = `sha256:${'0'.repeat(64)}`;
    const rootfs = join(dir, 'rootfs', '0'.repeat(64));
    mkdirSync(rootfs, { recursive: true });
    writeFileSync(join(rootfs, 'warm.wasm'), WARM_MODULE);
    const config = { entrypoint: ['/warm.wasm'], cmd: [], env: ['A=1'], workingDir: '/' };
    const record = { digest, configDigest: digest, platform: { os: 'wasip1', architecture: 'wasm' }, config, layers: [], size: 1 };
    writeFileSync(join(dir, 'images.json'), JSON.stringify({ version: 1, images: { 'docker.io/library/warm:v1': record } }));
    const image = await openStore(dir).resolve('warm:v1', { pull: 'never' });
    const { argv, cwd } = commandOf(image, { args: ['arg'], env: ['B=2'] });
    // With a cap, as --memory gives one: the cap rewrites the module's memory section.
    loadModuleBytes(resolveEntry(image.rootfs, argv[0] as string, cwd), 'warm.wasm', 65536);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
