/**
 * What a transpiled component depends on besides its own bytes: the jco-transpile release that
 * made its core modules and glue, and the shape we ask it for (options, files kept). Cache entries
 * live under this name, so an upgrade of either never reuses output of the other, and `image
 * prune` can drop every other name.
 */
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import { dirname, join } from 'node:path';

/** Bumped when what we ask jco for or what we store changes (transpile-worker.cts, transpile-cache.ts). */
const LAYOUT = 4;

let tag: string | undefined;

/** `jco-transpile-0.15.0.layout-3`; read at first use (the startup snapshot must not resolve paths). */
export function toolchainTag(): string {
  if (tag !== undefined) return tag;
  const main = createRequire(import.meta.url).resolve('@bytecodealliance/jco-transpile');
  // The package's exports hide package.json; it sits above its dist/ folder.
  const { version } = JSON.parse(fs.readFileSync(join(dirname(main), '..', 'package.json'), 'utf8')) as { version: string };
  tag = `jco-transpile-${version}.layout-${LAYOUT}`;
  return tag;
}
