/**
 * Cold start of the whole CLI (issue 3's benchmark): `wasmctl run hello:v1` as users run it (the
 * bin/wasmctl launcher, from the startup snapshot when the build made one) from a
 * store prepared once by `wasmctl load -i samples/hello/hello-oci.tar`, against a bare node:wasi
 * runner of the same module (`node bare-wasi.mjs samples/hello/hello.wasm`), alternating, fresh
 * process each, median of N. Prints both medians, the ratio, each side's peak RSS and the ratio of
 * their mean CPU times.
 * Run: `npm run build && node --import tsx bench/cli-cold-start.ts [rounds]`.
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
const ARCHIVE = path.join(ROOT, 'samples/hello/hello-oci.tar');
const MODULE = path.join(ROOT, 'samples/hello/hello.wasm');
const GREETING = 'Hello from WebAssembly!';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wasmctl-cli-bench-'));
const env = { ...process.env, WASMCTL_ROOT: path.join(work, 'store') };
const bareWasi = path.join(work, 'bare-wasi.mjs');
// What a user would write to run the module with nothing but Node: node:wasi, no sandbox.
fs.writeFileSync(
  bareWasi,
  `import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
const wasi = new WASI({ version: 'preview1', args: [process.argv[2]], env: {}, returnOnExit: true });
const module = await WebAssembly.compile(readFileSync(process.argv[2]));
process.exitCode = wasi.start(new WebAssembly.Instance(module, wasi.getImportObject()));
`,
);

/** One fresh process; peak RSS and CPU time (user + sys, 10 ms ticks) from GNU time when present, else unknown (NaN). */
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
function once(command: string[]): Sample & { cpuMs: number } {
  const [cmd, argv] = TIME ? [TIME, ['-f', 'cpu %U %S rss %M', ...command]] : [command[0] as string, command.slice(1)];
  const started = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', env });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0 || !r.stdout.includes(GREETING)) throw new Error(`${command.join(' ')} failed (${r.status}): ${r.stderr}`);
  const time = /cpu ([\d.]+) ([\d.]+) rss (\d+)\s*$/.exec(r.stderr);
  return { ms, rssKiB: Number(time?.[3]), cpuMs: (Number(time?.[1]) + Number(time?.[2])) * 1000 };
}

// CPU time is what a loaded machine disturbs least (wall time there is mostly waiting for a core);
// a mean, because each figure is a multiple of the kernel's 10 ms tick.
const meanCpu = (xs: Array<{ cpuMs: number }>): number => xs.reduce((sum, x) => sum + x.cpuMs, 0) / xs.length;

try {
  const loaded = spawnSync(BIN, ['load', '-i', ARCHIVE], { encoding: 'utf8', env });
  if (loaded.status !== 0) throw new Error(`wasmctl load failed: ${loaded.stderr}`);
  const ours = [BIN, 'run', 'hello:v1'];
  const bare = [process.execPath, bareWasi, MODULE];
  const { a, b } = alternate(
    rounds,
    () => once(ours),
    () => once(bare),
  );
  const oursMs = median(a.map((s) => s.ms));
  const bareMs = median(b.map((s) => s.ms));
  console.log(`cold start, stored hello image, median of ${rounds} alternating runs (fresh node process each):`);
  console.log(`  wasmctl run hello:v1:         ${oursMs.toFixed(1)} ms   peak RSS ${peakMiB(a)}`);
  console.log(`  node bare-wasi.mjs hello.wasm: ${bareMs.toFixed(1)} ms   peak RSS ${peakMiB(b)}`);
  console.log(`  ratio: ${(oursMs / bareMs).toFixed(2)}x (target <= 1.2x)`);
  const [oursCpu, bareCpu] = [meanCpu(a), meanCpu(b)];
  console.log(`  CPU (user+sys, mean): ${oursCpu.toFixed(0)} ms vs ${bareCpu.toFixed(0)} ms, ratio ${(oursCpu / bareCpu).toFixed(2)}x`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
