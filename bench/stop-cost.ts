/**
 * What the stop guarantees cost (issue 9, item 5), each against the previous design in the same run:
 * - `wasmctl run` cold start of hello.wasm: this checkout's bin/wasmctl against BASELINE's (a
 *   built checkout of the commit before, e.g. `git worktree add /tmp/base e66d600 && cd /tmp/base
 *   && npm run build`), alternating, medians;
 * - memory per shim container: N task processes (task-process.js, one per container now) running
 *   a module that sleeps, against N module Workers in one process (the shared server before),
 *   PSS summed.
 * Run: `npm run build && bash scripts/build-test-modules.sh && BASELINE=/tmp/base node --import tsx bench/stop-cost.ts [rounds]`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alternate, median } from './alternating.js';
import { REPO } from '../test/support/repo.js';

const rounds = Number(process.argv[2] ?? 15);
const CONTAINERS = 10;
const hello = join(REPO, 'test/modules/build/hello.wasm');

const pssKiB = (pid: number): number => Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

function coldStart(): void {
  const baseline = process.env.BASELINE;
  const time = (root: string) => () => {
    const started = performance.now();
    const r = spawnSync(join(root, 'bin/wasmctl'), ['run', hello], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${root}: ${r.stderr}`);
    return performance.now() - started;
  };
  if (!baseline) {
    console.log('wasmctl run cold start: set BASELINE to a built checkout of the previous design to compare');
    return;
  }
  const { a, b } = alternate(rounds, time(REPO), time(baseline));
  const [now, before] = [median(a), median(b)];
  console.log(`wasmctl run hello.wasm, median of ${rounds} alternating runs`);
  console.log(`  now (hard exit on a stuck stop):  ${now.toFixed(1)} ms`);
  console.log(`  before:                           ${before.toFixed(1)} ms`);
  console.log(`  ratio now/before:                 ${(now / before).toFixed(2)}x`);
}

async function perContainer(): Promise<void> {
  const rootfs = mkdtempSync(join(tmpdir(), 'wasmctl-bench-'));
  mkdirSync(rootfs, { recursive: true });
  copyFileSync(join(REPO, 'test/modules/build/shim-sleep.wasm'), join(rootfs, 'sleep.wasm'));
  const run = { rootfs, argv: ['/sleep.wasm'], env: [], cwd: '/', limits: {}, settings: {}, hasStdin: false };
  const children: ChildProcess[] = [];
  for (let i = 0; i < CONTAINERS; i++) {
    const child = spawn(process.execPath, [join(REPO, 'dist/shim/task-process.js')], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.send(run);
    children.push(child);
  }
  await settle(3000);
  const processesKiB = children.reduce((sum, c) => sum + pssKiB(c.pid!), 0);
  for (const child of children) child.kill('SIGKILL');

  // The previous design: the modules as Workers of one server process.
  const script = `
    const { runModule } = await import(${JSON.stringify(join(REPO, 'dist/runtime-bridge/index.js'))});
    const pss = () => Number(/^Pss:\\s+(\\d+) kB/m.exec(require('fs').readFileSync('/proc/self/smaps_rollup', 'utf8'))[1]);
    const idle = pss();
    for (let i = 0; i < ${CONTAINERS}; i++) runModule({ rootfs: ${JSON.stringify(rootfs)}, argv: ['/sleep.wasm'], env: [], cwd: '/', mounts: [],
      stdio: { stdin: null, stdout: 1, stderr: 2 }, limits: {}, engine: 'wasmctl' });
    await new Promise((r) => setTimeout(r, 3000));
    process.stdout.write(JSON.stringify({ idle, running: pss() }));
    process.kill(process.pid, 'SIGKILL');`;
  const inServer = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `import { createRequire } from 'node:module'; const require = createRequire(import.meta.url); ${script}`],
    { encoding: 'utf8' },
  );
  const { idle, running } = JSON.parse(inServer.stdout) as { idle: number; running: number };
  rmSync(rootfs, { recursive: true, force: true });
  const mb = (kib: number) => (kib / 1024).toFixed(1);
  console.log(`memory per shim container, ${CONTAINERS} running a sleeping module (PSS)`);
  console.log(`  now, a task process each:        ${mb(processesKiB / CONTAINERS)} MB`);
  console.log(`  before, a Worker in the server:  ${mb((running - idle) / CONTAINERS)} MB (above the server's ${mb(idle)} MB)`);
  console.log(`  ratio now/before:                ${(processesKiB / (running - idle)).toFixed(2)}x`);
}

coldStart();
await perContainer();
