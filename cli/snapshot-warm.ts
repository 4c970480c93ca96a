/**
 * `wasmctl run`'s first-use code, run once while the startup snapshot is built (snapshot.ts): V8
 * compiles a function at its first call and the snapshot keeps what was compiled, so a `run` from
 * the snapshot does not compile commander's parser, run's option schema, the store lookup and the
 * entry's lookup again (a first run in a process costs ~10 ms more than the next ones). The
 * engine's Wasm side cannot be warmed: a snapshot is built without WebAssembly.
 * Nothing here may leave state behind: the command tree is a throwaway one, the store and the
 * entry are in a temp folder.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { openStore } from '../image/index.js';
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
    await openStore(join(dir, 'store')).resolve('warm:v1', { pull: 'never' }).catch(ignore);
    writeFileSync(join(dir, 'warm.wasm'), WARM_MODULE);
    // With a cap, as --memory gives one: the cap rewrites the module's memory section.
    loadModuleBytes(resolveEntry(dir, 'warm.wasm', '/'), 'warm.wasm', 65536);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
