/**
 * `wasmctl serve` on ports it picks (`--listen 127.0.0.1:0 --admin 127.0.0.1:0 --json`), from the
 * bundle, and what its first stdout line says. A serve that exits before that line rejects with
 * its stderr. The caller stops it (`serve.kill`).
 */
import { once } from 'node:events';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { REPO } from './repo.js';

export interface StartedServe {
  serve: ResultPromise;
  gateway: string;
  admin: string;
  functions: Array<{ id: string; instances: number }>;
}

export interface StartServeOptions {
  /** The image store (`--root`). */
  root?: string;
  /** A command that runs the rest as its arguments (`sh -c 'ulimit -n 64 && exec "$@"' sh`). */
  wrapper?: string[];
}

export async function startServe(args: string[], options: StartServeOptions = {}): Promise<StartedServe> {
  const root = options.root === undefined ? [] : ['--root', options.root];
  const command = [
    'node',
    join(REPO, 'bin/wasmctl.js'),
    ...root,
    'serve',
    '--listen',
    '127.0.0.1:0',
    '--admin',
    '127.0.0.1:0',
    '--json',
    ...args,
  ];
  const [file, ...rest] = [...(options.wrapper ?? []), ...command] as [string, ...string[]];
  const serve = execa(file, rest, { reject: false });
  // Its end, as a value: it comes later than the line when all goes well.
  const first = await Promise.race([once(serve.stdout!, 'data') as Promise<[Buffer]>, serve]);
  if (!Array.isArray(first))
    throw new Error(`wasmctl serve exited (${first.exitCode ?? first.signal}) before it listened: ${String(first.stderr)}`);
  const [line] = first;
  return { serve, ...(JSON.parse(line.toString()) as Omit<StartedServe, 'serve'>) };
}
