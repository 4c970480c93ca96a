/** The `wasmctl` bin as npm installs it (from its startup snapshot), on a store of the test's own. */
import { once } from 'node:events';
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

/** `wasmctl serve --json` on loopback ports it picks, once it prints its addresses. */
export async function serveIn(store: string, args: string[]) {
  const serve = execa(
    join(REPO, 'bin/wasmctl'),
    ['--root', store, 'serve', '--json', '--listen', '127.0.0.1:0', '--admin', '127.0.0.1:0', ...args],
    {
      reject: false,
    },
  );
  const [line] = (await once(serve.stdout!, 'data')) as [Buffer];
  const { gateway, admin } = JSON.parse(line.toString()) as { gateway: string; admin: string };
  return { serve, gateway, admin };
}
