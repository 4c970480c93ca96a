/**
 * The shim server's cold start: `node dist/shim/server.js` until it writes its pid file (it then
 * accepts ttrpc calls), against a bare `node -e ''` start in the same run. What containerd waits
 * for at the first container of a namespace, and at every container in per-container mode.
 * Then the message layer alone, each in a fresh node: the generated static module (today) against
 * protobufjs parsing the same .proto files at start-up (what the shim did before scripts/gen-proto.mjs).
 * Run: `npm run build && node --import tsx bench/shim-start.ts [rounds] [other-checkout]`; with a
 * second built checkout (e.g. `git archive REV | tar -x -C DIR`, node_modules linked, tsc run) its
 * server is timed too, alternating with this one.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO } from '../test/support/repo.js';

const rounds = Number(process.argv[2] ?? 15);
const other = process.argv[3];
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

/** Each prints how long, in ms, loading its message types and one encode/decode round took. */
const PARSED = `const t = performance.now();
const { default: protobuf } = await import('protobufjs');
const root = new protobuf.Root();
root.resolvePath = (origin, target) => (target.startsWith('google/') ? target : protobuf.util.path.resolve(origin, target));
root.loadSync(['ttrpc/ttrpc.proto', 'containerd/task.proto', 'containerd/events.proto', 'containerd/events-service.proto', 'containerd/runtime-options.proto'].map((f) => 'proto/' + f));
root.resolveAll();
const T = root.lookupType('containerd.task.v2.CreateTaskRequest');
T.decode(T.encode(T.fromObject({ id: 'x' })).finish());
console.log(performance.now() - t);`;
const GENERATED = `const t = performance.now();
const { containerd } = await import('./dist/shim/gen/containerd.js');
const T = containerd.task.v2.CreateTaskRequest;
T.decode(T.encode({ id: 'x' }).finish());
console.log(performance.now() - t);`;
const loadMs = (code: string) =>
  Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: REPO, encoding: 'utf8' }));

const dir = await mkdtemp(join(tmpdir(), 'wasmctl-shim-start-'));
try {
  const server: number[] = [];
  const otherServer: number[] = [];
  const bare: number[] = [];
  const timeServer = (checkout: string, name: string) => {
    const socket = join(dir, `${name}.sock`);
    const args = [
      join(checkout, 'dist/shim/server.js'),
      '--socket',
      socket,
      '--ttrpc-address',
      join(dir, 'none.sock'),
      '--namespace',
      'bench',
      '--mode',
      'per-container',
    ];
    return timeUntil(args, () => existsSync(`${socket}.pid`));
  };
  for (let i = 0; i < rounds; i++) {
    server.push(await timeServer(REPO, `s${i}`));
    if (other) otherServer.push(await timeServer(other, `o${i}`));
    let bareDone = false;
    bare.push(await timeUntil(['-e', ''], () => bareDone));
    bareDone = true;
  }
  const parsed: number[] = [];
  const generated: number[] = [];
  for (let i = 0; i < rounds; i++) {
    parsed.push(loadMs(PARSED));
    generated.push(loadMs(GENERATED));
  }
  const [p, g] = [median(parsed), median(generated)];
  console.log(
    `message types loaded, median of ${rounds}: generated ${g.toFixed(1)} ms, parsed from .proto ${p.toFixed(1)} ms (ratio ${(g / p).toFixed(2)}x)`,
  );
  const [s, b] = [median(server), median(bare)];
  console.log(
    `shim server start, median of ${rounds}: ${s.toFixed(1)} ms (bare node: ${b.toFixed(1)} ms, ratio ${(s / b).toFixed(2)}x, ${(s - b).toFixed(1)} ms above node)`,
  );
  if (other) {
    const o = median(otherServer);
    console.log(`  ${other}'s server: ${o.toFixed(1)} ms (this one ${(s / o).toFixed(2)}x of it)`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
