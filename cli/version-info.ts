import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../common/index.js';

const packageJsonPath = (): string => join(packageRoot(), 'package.json');

const versionAt = (path: string): string => (JSON.parse(readFileSync(path, 'utf8')) as { version?: string }).version ?? 'unknown';

/** 'unknown' in a copy of the package that lost its package.json (only bin/ and dist/). */
export function wasmctlVersion(): string {
  try {
    return versionAt(packageJsonPath());
  } catch {
    return 'unknown';
  }
}

/** @wasmer/wasi as this wasmctl resolves it (`--engine wasmer` loads it from node_modules). */
export function wasmerVersion(): string {
  try {
    return versionAt(createRequire(packageJsonPath()).resolve('@wasmer/wasi/package.json'));
  } catch {
    return 'not installed';
  }
}
