/**
 * `ctr run --rm` of the hello image through wasmctl's shim against `ctr run --rm` of a static
 * native hello through runc, alternating in one run on one private containerd; prints both
 * medians and the ratio (target ≤ 0.8×). Then memory per running container with 50 running
 * (target ≤ 10 MB): the PSS of the shim servers and their task processes (Wasm) against runc's
 * shims and processes.
 * Run: `npm run build && node --import tsx bench/shim-ctr-run.ts [rounds] [running]`; 0 rounds
 * measures only the memory.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { startBuilder } from '../test/support/buildah.js';
import { shimServerPids, startContainerd, WASMCTL_RUNTIME, type Containerd } from '../test/support/containerd.js';
import { REPO } from '../test/support/repo.js';

const rounds = Number(process.argv[2] ?? 20);
const RUNNING = Number(process.argv[3] ?? 50);
const RUNC = 'io.containerd.runc.v2';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (kb: number) => (kb / 1024).toFixed(1);

/** Proportional set size, so pages shared by several shims are not counted once per shim. */
async function pssKb(pid: number): Promise<number> {
  try {
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0);
  } catch {
    return 0; // gone meanwhile
  }
}

async function pidsMatching(pattern: string): Promise<number[]> {
  const { stdout } = await execa('pgrep', ['-f', pattern], { reject: false });
  return stdout.split('\n').filter(Boolean).map(Number);
}

/** The processes and their children (runc's containers, wasmctl's task processes). */
async function withChildren(pids: number[]): Promise<number[]> {
  const children = await Promise.all(pids.map((pid) => execa('pgrep', ['-P', String(pid)], { reject: false })));
  return [...pids, ...children.flatMap((c) => c.stdout.split('\n').filter(Boolean).map(Number))];
}

/** runc's per-container cost: its shims (found by our containerd's address) and their children. */
async function runcPids(ctrd: Containerd): Promise<number[]> {
  return withChildren(await pidsMatching(`containerd-shim-runc-v2 -namespace ${ctrd.namespace} .*-address ${ctrd.address}`));
}

async function timeRun(ctrd: Containerd, runtime: string, image: string, id: string, flags: string[] = []): Promise<number> {
  const start = performance.now();
  const result = await ctrd.ctr(['run', '--rm', '--runtime', runtime, ...flags, image, id]);
  const ms = performance.now() - start;
  if (result.exitCode !== 0 || !/Hello/.test(result.stdout)) throw new Error(`${runtime} ${image}: ${result.all}`);
  return ms;
}

async function runMany(ctrd: Containerd, runtime: string, image: string, prefix: string): Promise<string[]> {
  const ids = Array.from({ length: RUNNING }, (_, i) => `${prefix}-${i}`);
  for (const id of ids) {
    const result = await ctrd.ctr(['run', '-d', '--runtime', runtime, image, id]);
    if (result.exitCode !== 0) throw new Error(`${id}: ${result.all}`);
  }
  return ids;
}

async function removeAll(ctrd: Containerd, ids: string[]): Promise<void> {
  for (const id of ids) {
    await ctrd.ctr(['task', 'kill', '--signal', 'SIGKILL', id]);
    for (let i = 0; i < 50 && (await ctrd.ctr(['task', 'delete', id])).exitCode !== 0; i++) await new Promise((r) => setTimeout(r, 100));
    await ctrd.ctr(['container', 'delete', id]);
  }
}

/** `ctr run --rm` timings, alternating wasmctl (shared and per-container) and runc. */
async function timeRuns(ctrd: Containerd, ref: (name: 'wasmHello' | 'nativeHello') => string): Promise<void> {
  const wasm: number[] = [];
  const runc: number[] = [];
  const perContainer: number[] = [];
  for (let i = 0; i < rounds; i++) {
    wasm.push(await timeRun(ctrd, WASMCTL_RUNTIME, ref('wasmHello'), `wasm-${i}`));
    runc.push(await timeRun(ctrd, RUNC, ref('nativeHello'), `runc-${i}`));
    perContainer.push(
      await timeRun(ctrd, WASMCTL_RUNTIME, ref('wasmHello'), `own-${i}`, ['--annotation', 'io.wasmctl.shim-mode=per-container']),
    );
  }
  const [w, r, p] = [median(wasm), median(runc), median(perContainer)];
  console.log(`ctr run --rm, median of ${rounds} alternating runs`);
  console.log(`  wasmctl shim, shared server (hello.wasm):  ${(w / 1000).toFixed(3)} s`);
  console.log(`  runc (static native hello):                ${(r / 1000).toFixed(3)} s`);
  console.log(`  ratio wasmctl/runc:                        ${(w / r).toFixed(2)}x (target <= 0.8x)`);
  console.log(`  wasmctl shim, one server per container:    ${(p / 1000).toFixed(3)} s (${(p / r).toFixed(2)}x runc)`);
}

const builder = await startBuilder();
const ctrd = await startContainerd();
try {
  const native = join(builder.dir, 'native');
  await writeFile(`${native}-hello.c`, '#include <stdio.h>\nint main(void) { puts("Hello from native!"); return 0; }\n');
  await writeFile(`${native}-sleep.c`, '#include <unistd.h>\nint main(void) { sleep(3600); return 0; }\n');
  for (const name of ['hello', 'sleep']) await execa('gcc', ['-static', '-O2', `${native}-${name}.c`, '-o', `${native}-${name}`]);
  const images = {
    wasmHello: ['hello.wasm', await readFile(join(REPO, 'samples/hello/hello.wasm'))],
    wasmSleep: ['sleep.wasm', await readFile(join(REPO, 'test/modules/build/shim-sleep.wasm'))],
    nativeHello: ['hello', await readFile(`${native}-hello`)],
    nativeSleep: ['sleep', await readFile(`${native}-sleep`)],
  } as const;
  const ref = (name: keyof typeof images) => `localhost/bench/${name.toLowerCase()}:v1`;
  for (const [name, [file, bytes]] of Object.entries(images) as [keyof typeof images, (typeof images)[keyof typeof images]][]) {
    await builder.build(ref(name), `FROM scratch\nCOPY --chmod=755 ${file} /${file}\nCMD ["/${file}"]\n`, { [file]: bytes });
    await ctrd.importBuilt(builder, ref(name));
  }

  // Warm-up: the first Wasm run starts the shared server, the first runc run loads its binaries.
  await timeRun(ctrd, WASMCTL_RUNTIME, ref('wasmHello'), 'warm-wasm');
  await timeRun(ctrd, RUNC, ref('nativeHello'), 'warm-runc');
  if (rounds > 0) await timeRuns(ctrd, ref);

  const [server] = await shimServerPids(ctrd.shimDir);
  const idleKb = server ? await pssKb(server) : 0;
  const wasmIds = await runMany(ctrd, WASMCTL_RUNTIME, ref('wasmSleep'), 'wasm-sleep');
  await new Promise((res) => setTimeout(res, 1000));
  const servers = await shimServerPids(ctrd.shimDir);
  const wasmKb = (await Promise.all((await withChildren(servers)).map(pssKb))).reduce((a, b) => a + b, 0);
  await removeAll(ctrd, wasmIds);

  const runcIds = await runMany(ctrd, RUNC, ref('nativeSleep'), 'runc-sleep');
  await new Promise((res) => setTimeout(res, 1000));
  const runcKb = (await Promise.all((await runcPids(ctrd)).map(pssKb))).reduce((a, b) => a + b, 0);
  await removeAll(ctrd, runcIds);

  console.log(`memory with ${RUNNING} containers running (PSS, containerd itself excluded)`);
  console.log(
    `  wasmctl: ${mb(wasmKb)} MB in ${servers.length} server(s) = ${mb(wasmKb / RUNNING)} MB per container (${mb((wasmKb - idleKb) / RUNNING)} MB above the idle server's ${mb(idleKb)} MB; target <= 10 MB)`,
  );
  console.log(`  runc:    ${mb(runcKb)} MB = ${mb(runcKb / RUNNING)} MB per container (shim + process)`);
  if ((await readdir(join(ctrd.dir, 'state/io.containerd.runtime.v2.task', ctrd.namespace))).length > 0)
    throw new Error('bundles left behind');
} finally {
  await ctrd.stop();
  await builder.stop();
}
