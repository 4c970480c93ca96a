/** What the serve benchmarks share: a build of another commit beside this one, a server's CPU and memory from /proc. */
import { existsSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { REPO } from '../test/support/repo.js';

const TICK_MS = 10;

/** A build of `commit`: git archive into a temp folder (kept for the next run), this checkout's node_modules. */
export async function buildOf(commit: string): Promise<string> {
  const dir = join(tmpdir(), `wasmctl-bench-serve-${commit}`);
  if (existsSync(join(dir, 'dist/bundle/wasmctl.js'))) return dir;
  await mkdir(dir, { recursive: true });
  await execa('sh', ['-c', `git -C "${REPO}" archive ${commit} | tar -x -C "${dir}"`]);
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  await execa('npm', ['run', '--silent', 'build'], { cwd: dir });
  return dir;
}

/** The pid and the pids of its children (the instance processes). */
export function family(pid: number): number[] {
  const kids = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    });
  return [pid, ...kids.map(Number)];
}

/** `read` summed over the processes that still exist. */
export const sumOver = (pids: number[], read: (pid: number) => number) =>
  pids.reduce((sum, pid) => {
    try {
      return sum + read(pid);
    } catch {
      return sum;
    }
  }, 0);

export const pss = (pid: number) => Number(/Pss:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1]) * 1024;

/** User and system time of a process so far. */
export const cpuMs = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
};

/** `wasmctl --root ROOT serve` on ports it picks, addresses as JSON on its first line, then `args`. */
export const serveArgs = (root: string, args: string[]) => [
  '--root',
  root,
  'serve',
  '--json',
  '--listen',
  '127.0.0.1:0',
  '--admin',
  '127.0.0.1:0',
  ...args,
];
