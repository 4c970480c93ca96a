/** The `wasmctl` bin as npm installs it (from its startup snapshot), on a store of the test's own. */
import { join } from 'node:path';
import { execa } from 'execa';
import { REPO } from './repo.js';

export interface CliOptions {
  input?: string;
  env?: Record<string, string>;
}

export function wasmctlIn(store: string, args: string[], options: CliOptions = {}) {
  return execa(join(REPO, 'bin/wasmctl'), ['--root', store, ...args], {
    reject: false,
    stripFinalNewline: false,
    ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
    ...(options.env ? { env: options.env } : {}),
  });
}
