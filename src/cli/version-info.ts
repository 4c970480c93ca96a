import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The package.json of the wasmctl that runs: found upwards from the script node started (the
 * bundle, bin/wasmctl.js, or src/cli/main.ts under tsx), wherever npm installed it.
 */
export function packageJsonPath(): string | undefined {
  let dir = dirname(realpathSync(process.argv[1] ?? '.'));
  for (;;) {
    const candidate = join(dir, 'package.json');
    try {
      if ((JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'wasmctl') return candidate;
    } catch {
      // Not there or not ours: look further up.
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const versionAt = (path: string | undefined): string => {
  if (path === undefined) return 'unknown';
  return (JSON.parse(readFileSync(path, 'utf8')) as { version?: string }).version ?? 'unknown';
};

export const wasmctlVersion = (): string => versionAt(packageJsonPath());

/** @wasmer/wasi as this wasmctl resolves it (`--engine wasmer` loads it from node_modules). */
export function wasmerVersion(): string {
  const own = packageJsonPath();
  if (own === undefined) return 'unknown';
  try {
    return versionAt(createRequire(own).resolve('@wasmer/wasi/package.json'));
  } catch {
    return 'not installed';
  }
}
