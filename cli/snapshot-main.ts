/**
 * What both startup snapshots' entries (snapshot.ts, snapshot-for-run.ts) do: build the command
 * tree once, run `run`'s path once so that it is held compiled (snapshot-warm.ts), and parse the
 * real command line after deserialization.
 */
import type { Command } from 'commander';
import { startupSnapshot } from 'node:v8';
import { z } from 'zod';
import { runCommand } from './output.js';
import * as runPath from './snapshot-run.js';
import { warmRunPath } from './snapshot-warm.js';

/** `createTree` is called twice: the tree the snapshot keeps, and a throwaway one for the warm-up. */
export function snapshotMain(createTree: () => Command): void {
  // zod compiles each schema's parser with new Function at its first parse: several ms that a
  // process parsing each schema once, as a command does, never wins back.
  z.config({ jitless: true });
  const program = createTree();
  void warmRunPath(createTree());
  startupSnapshot.setDeserializeMainFunction(() => {
    // `wasmctl run …`: the watchdog of the module boots while commander parses (run's action asks
    // again, which is then a no-op, and covers `wasmctl --root DIR run …`).
    if (process.argv[2] === 'run') runPath.prestartRun(process.argv);
    void runCommand(() => program.parseAsync(process.argv));
  });
}
