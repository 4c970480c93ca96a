/**
 * Cold start of the engine: a fresh `node` process that runs the hello test module through
 * `runModule` (built dist, default engine) on a Worker and on the main thread (`inline`, as
 * `wasmctl run` does), against a fresh `node` process running the same module with node:wasi,
 * alternating, median of N. Prints the ratios and each side's peak RSS.
 * Run: `npm run build && bash scripts/build-test-modules.sh && node --import tsx bench/run-cold-start.ts [rounds] [engine]`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternate, median, peakMiB, type Sample } from './alternating.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Math.max(10, Number(process.argv[2] ?? 15));
const engine = process.argv[3] ?? 'wasmctl';
const hello = path.join(ROOT, 'test/modules/build/hello.wasm');
const dist = path.join(ROOT, 'dist/runtime-bridge/index.js');
for (const needed of [hello, dist]) {
  if (!fs.existsSync(needed)) throw new Error(`${needed} is missing: run npm run build and scripts/build-test-modules.sh`);
}

// Each script prints its peak RSS (KiB) on stderr as its last line.
const reportRss = `process.on('exit', () => process.stderr.write('\\nrss ' + process.resourceUsage().maxRSS + '\\n'));`;
const ours = (inline: boolean) => `${reportRss}
import(${JSON.stringify(dist)}).then(async ({ runModule }) => {
  const running = runModule({ rootfs: null, modulePath: ${JSON.stringify(hello)}, argv: ['hello.wasm'], env: [], cwd: '/',
    mounts: [], stdio: { stdin: null, stdout: 1, stderr: 2 }, limits: {}, engine: ${JSON.stringify(engine)},
    ${inline ? "inline: { stopLine: (m) => m + '\\n' }," : ''} });
  const outcome = await running.done;
  process.exitCode = outcome.exitCode;
});`;
const baseline = `${reportRss}
const { WASI } = require('node:wasi');
const fs = require('node:fs');
const wasi = new WASI({ version: 'preview1', args: ['hello.wasm'], env: {}, returnOnExit: true });
WebAssembly.compile(fs.readFileSync(${JSON.stringify(hello)})).then((module) => {
  const instance = new WebAssembly.Instance(module, wasi.getImportObject());
  process.exitCode = wasi.start(instance);
});`;

function once(script: string): Sample {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--no-warnings', '-e', script], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0 || !r.stdout.startsWith('hello from wasm')) throw new Error(`run failed (${r.status}): ${r.stderr}`);
  return { ms, rssKiB: Number(/rss (\d+)\s*$/.exec(r.stderr)?.[1]) };
}

const { a, b } = alternate<Sample[]>(
  rounds,
  () => [once(ours(false)), once(ours(true))],
  () => [once(baseline)],
);
const onWorker = a.map(([w]) => w as Sample);
const inline = a.map(([, i]) => i as Sample);
const base = b.flat();
const baseMs = median(base.map((s) => s.ms));
const row = (name: string, xs: Sample[]) => {
  const ms = median(xs.map((s) => s.ms));
  console.log(`  ${name}${ms.toFixed(1)} ms   peak RSS ${peakMiB(xs)}   ratio ${(ms / baseMs).toFixed(2)}x (target <= 1.2x)`);
};
console.log(`cold start, hello module, median of ${rounds} alternating runs (fresh node process each):`);
row(`runModule (engine ${engine}), Worker:      `, onWorker);
row(`runModule (engine ${engine}), main thread: `, inline);
console.log(`  node:wasi bare script:                  ${baseMs.toFixed(1)} ms   peak RSS ${peakMiB(base)}`);
