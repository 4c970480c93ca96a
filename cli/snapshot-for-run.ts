/**
 * Entry of `wasmctl run`'s startup snapshot (bin/wasmctl starts `run` from wasmctl-run.blob): the
 * command tree with `run` alone, so that the other commands' modules and build's path are not in
 * it. Deserializing a snapshot costs time in proportion to what it holds: this one is ~1 MB
 * smaller than the whole CLI's (snapshot.ts), which `run` started from before.
 */
import { register } from './commands/run.js';
import { createProgram } from './program.js';
import { snapshotMain } from './snapshot-main.js';

snapshotMain(() => createProgram(register));
