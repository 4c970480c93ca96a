/**
 * The shim server's cold start: `node dist/shim/server.js` until it writes its pid file (it then
 * accepts ttrpc calls), against a bare `node -e ''` start in the same run. What containerd waits
 * for at the first container of a namespace, and at every container in per-container mode.
 * Run: `npm run build && node --import tsx bench/shim-start.ts [rounds]`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO } from '../test/support/repo.js';

const rounds = Number(process.argv[2] ?? 15);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeUntil(args: string[], ready: () => boolean): Promise<number> {
  const start = performance.now();
  const child = spawn(process.execPath, args, { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let done = false;
  void exited.then(() => (done = true));
  while (!ready() && !done) await new Promise((r) => setTimeout(r, 1));
  const ms = performance.now() - start;
  child.kill('SIGTERM');
  await exited;
  return ms;
}

const dir = await mkdtemp(join(tmpdir(), 'wasmctl-shim-start-'));
try {
  const server: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const socket = join(dir, `s${i}.sock`);
    const args = [join(REPO, 'dist/shim/server.js'), '--socket', socket, '--ttrpc-address', join(dir, 'none.sock'), '--namespace', 'bench', '--mode', 'per-container'];
    server.push(await timeUntil(args, () => existsSync(`${socket}.pid`)));
    let bareDone = false;
    bare.push(await timeUntil(['-e', ''], () => bareDone));
    bareDone = true;
  }
  const [s, b] = [median(server), median(bare)];
  console.log(`shim server start, median of ${rounds}: ${s.toFixed(1)} ms (bare node: ${b.toFixed(1)} ms, ratio ${(s / b).toFixed(2)}x, ${(s - b).toFixed(1)} ms above node)`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
