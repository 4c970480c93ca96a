/**
 * A WASI 0.2 component's run once its transpiled form is cached (issue 15: within 1.3x), against
 * the preview 1 module it was made from: `wasmctl run hello.component.wasm` vs `wasmctl run
 * hello.wasm`, the bin as users run it, fresh process each, alternating, median of N. The
 * component is made with `jco new` from test/modules/build/hello.wasm; its first run (transpile
 * and cache) is timed once and printed beside.
 * Run: `npm run build && bash scripts/build-test-modules.sh && node --import tsx bench/component-run.ts [rounds]`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternate, median, peakMiB, type Sample } from './alternating.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Math.max(10, Number(process.argv[2] ?? 15));
const BIN = path.join(ROOT, 'bin/wasmctl');
const MODULE = path.join(ROOT, 'test/modules/build/hello.wasm');
if (!fs.existsSync(MODULE)) throw new Error(`${MODULE} is missing: run scripts/build-test-modules.sh`);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wasmctl-component-bench-'));
const COMPONENT = path.join(work, 'hello.component.wasm');
const made = spawnSync(path.join(ROOT, 'node_modules/.bin/jco'), ['new', MODULE, '--wasi-command', '-o', COMPONENT], { encoding: 'utf8' });
if (made.status !== 0) throw new Error(`jco new failed: ${made.stderr}`);
const env = { ...process.env, WASMCTL_ROOT: path.join(work, 'store') };

/** CPU seconds beside wall time: on a loaded shared machine the wall clock mostly measures the others. */
type Run = Sample & { cpuMs: number };
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
function once(file: string): Run {
  const command = [BIN, 'run', file, 'bench'];
  const [cmd, argv] = TIME ? [TIME, ['-f', 'cpu %U %S rss %M', ...command]] : [command[0] as string, command.slice(1)];
  const started = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', env });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0 || !r.stdout.startsWith('hello from wasm')) throw new Error(`run of ${file} failed (${r.status}): ${r.stderr}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { ms, rssKiB: Number(/rss (\d+)\s*$/.exec(r.stderr)?.[1]), cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : NaN };
}

try {
  const first = once(COMPONENT);
  const { a, b } = alternate(
    rounds,
    () => once(COMPONENT),
    () => once(MODULE),
  );
  const componentMs = median(a.map((s) => s.ms));
  const moduleMs = median(b.map((s) => s.ms));
  const componentCpu = median(a.map((s) => s.cpuMs));
  const moduleCpu = median(b.map((s) => s.cpuMs));
  console.log(`wasmctl run, hello, median of ${rounds} alternating runs (fresh process each):`);
  console.log(`  component, first run (jco transpile + cache): ${first.ms.toFixed(1)} ms`);
  console.log(`  component, cached:  ${componentMs.toFixed(1)} ms wall, ${componentCpu.toFixed(0)} ms CPU   peak RSS ${peakMiB(a)}`);
  console.log(`  preview 1 module:   ${moduleMs.toFixed(1)} ms wall, ${moduleCpu.toFixed(0)} ms CPU   peak RSS ${peakMiB(b)}`);
  console.log(`  ratio: ${(componentMs / moduleMs).toFixed(2)}x wall, ${(componentCpu / moduleCpu).toFixed(2)}x CPU (target <= 1.3x)`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
