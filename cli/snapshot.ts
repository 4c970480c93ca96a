/**
 * Entry of the CLI's startup snapshot (scripts/build.mjs). Building it evaluates commander, zod
 * and the commands once, at install time, for the node binary that builds it; every `wasmctl`
 * start then deserializes them instead of loading ~0.5 MB of modules. bin/wasmctl runs
 * `node --snapshot-blob wasmctl.blob wasmctl.cjs ARGS`, so process.argv has its usual shape.
 *
 * What a snapshot cannot hold decides the shape: only builtins can be required while it is built,
 * and no Worker, handle or stream may exist yet (node:worker_threads loaded during the build leaves
 * workers broken after deserialization). Everything a command imports with import() is therefore
 * evaluated only when that command runs, except `run`'s whole path (snapshot-run.ts: the engine, which
 * loads node:worker_threads at first use, and the store's reading code), which is evaluated here.
 * The command tree is built here, once, too.
 */
import { startupSnapshot } from 'node:v8';
import { z } from 'zod';
import { runCommand } from './output.js';
import { createProgram } from './program.js';
import * as runPath from './snapshot-run.js';
// build's path too: ~40 ms less CPU per build (its modules' evaluation), +0.3 MB of snapshot.
import { warmBuildPath } from './snapshot-build.js';
// run's first-use code, run once here so that the snapshot holds it compiled.
import { warmRunPath } from './snapshot-warm.js';

// zod compiles each schema's parser with new Function at its first parse: several ms that a
// process parsing each schema once, as a command does, never wins back.
z.config({ jitless: true });
const program = createProgram();
void warmBuildPath();
void warmRunPath(createProgram());

startupSnapshot.setDeserializeMainFunction(() => {
  // `wasmctl run …`: the watchdog of the module boots while commander parses (run's action asks
  // again, which is then a no-op, and covers `wasmctl --root DIR run …`).
  if (process.argv[2] === 'run') runPath.prestartRun(process.argv);
  void runCommand(() => program.parseAsync(process.argv));
});
