/**
 * Entry of the CLI's startup snapshot (scripts/build.mjs). Building it evaluates commander, zod
 * and the commands once, at install time, for the node binary that builds it; every `wasmctl`
 * start then deserializes them instead of loading ~0.5 MB of modules. bin/wasmctl runs
 * `node --snapshot-blob wasmctl.blob wasmctl.cjs ARGS`, so process.argv has its usual shape;
 * `run` starts from a smaller snapshot of its own (snapshot-for-run.ts).
 *
 * What a snapshot cannot hold decides the shape: only builtins can be required while it is built,
 * and no Worker, handle or stream may exist yet (node:worker_threads loaded during the build leaves
 * workers broken after deserialization). Everything a command imports with import() is therefore
 * evaluated only when that command runs, except `run`'s whole path (snapshot-run.ts: the engine, which
 * loads node:worker_threads at first use, and the store's reading code), which is evaluated here.
 * The command tree is built here, once, too.
 */
import { registerCommands } from './commands/index.js';
import { createProgram } from './program.js';
// build's path too: ~40 ms less CPU per build (its modules' evaluation), +0.3 MB of snapshot.
import { warmBuildPath } from './snapshot-build.js';
import { snapshotMain } from './snapshot-main.js';

snapshotMain(() => createProgram(registerCommands));
void warmBuildPath();
