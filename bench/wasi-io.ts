/**
 * The WASI engine's system calls under real programs' I/O (issue 10, "Speed"): the wasi-io test
 * module, run whole (start-up included) by `bin/wasmctl run -v DIR:/data ./wasi-io.wasm MODE …`
 * against a bare node:wasi script (libuv's C implementation) on the same module and folder,
 * alternating, median of N. Modes: stdout (4 KiB writes to /dev/null), copy (64 KiB reads and
 * writes through the mount), tree (stat + open of every file in 200 folders × 100 files), list
 * (readdir of 10,000 entries); and start (the same module writing nothing: start-up alone, the
 * share of each ratio that is not system calls). Goal: every ratio <= 1.2x.
 * Run: `npm run build && bash scripts/build-test-modules.sh && node --import tsx bench/wasi-io.ts [rounds] [mode…]`;
 * `WASI_IO_FULL=1` streams and copies the issue's 256 MiB instead of the default 64 MiB.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternate, median } from './alternating.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MODULES = path.join(ROOT, 'test/modules/build');
const WASMCTL = path.join(ROOT, 'bin/wasmctl');
const MiB = 1024 * 1024;
const BYTES = (process.env.WASI_IO_FULL ? 256 : 64) * MiB;
const DIRS = 200;
const FILES_PER_DIR = 100;
const LIST_ENTRIES = 10_000;

const rounds = Math.max(3, Number(process.argv[2] ?? 5));
for (const needed of [path.join(MODULES, 'wasi-io.wasm'), path.join(ROOT, 'dist/bundle/wasmctl.js')]) {
  if (!fs.existsSync(needed)) throw new Error(`${needed} is missing: run npm run build and scripts/build-test-modules.sh`);
}

interface Mode {
  name: string;
  what: string;
  args: string[];
  /** The module's summary line on stderr (node:wasi lists no `.` and `..`, we do: either count). */
  expect: RegExp;
}

const MODES: Mode[] = [
  // Start-up alone (no I/O): the part of every other row's ratio that is not the system calls.
  { name: 'start', what: 'start-up only, 0 bytes', args: ['stdout', '0'], expect: /^stdout 0$/m },
  {
    name: 'stdout',
    what: `${BYTES / MiB} MiB in 4 KiB writes to /dev/null`,
    args: ['stdout', String(BYTES)],
    expect: new RegExp(`^stdout ${BYTES}$`, 'm'),
  },
  {
    name: 'copy',
    what: `${BYTES / MiB} MiB file in 64 KiB reads/writes`,
    args: ['copy', '/data/src.bin', '/data/dst.bin'],
    expect: new RegExp(`^copy ${BYTES}$`, 'm'),
  },
  {
    name: 'tree',
    what: `stat + open ${DIRS * FILES_PER_DIR} files in ${DIRS} folders`,
    args: ['tree', '/data/tree', String(DIRS), String(FILES_PER_DIR)],
    expect: new RegExp(`^tree ${DIRS * FILES_PER_DIR} ${DIRS * FILES_PER_DIR}$`, 'm'),
  },
  {
    name: 'list',
    what: `readdir of ${LIST_ENTRIES} entries`,
    args: ['list', '/data/list'],
    expect: new RegExp(`^list (${LIST_ENTRIES}|${LIST_ENTRIES + 2})$`, 'm'),
  },
];
const wanted = process.argv.slice(3);
const modes = wanted.length ? MODES.filter((m) => wanted.includes(m.name)) : MODES;

const nodeWasi = `
const { WASI } = require('node:wasi');
const fs = require('node:fs');
const [wasm, dir, ...args] = process.argv.slice(1);
const wasi = new WASI({ version: 'preview1', preopens: { '/data': dir }, args: ['wasi-io.wasm', ...args], env: {}, returnOnExit: true });
const instance = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(wasm)), wasi.getImportObject());
process.exitCode = wasi.start(instance);`;

/**
 * Where the data lives: tmpfs when there is one (`WASI_IO_TMP` to choose), so that what is timed is
 * the engine, not a disk shared with whatever else the machine runs.
 */
const TMP = process.env.WASI_IO_TMP ?? (fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir());

/** The folder every run mounts at /data: the copy's source, the tree (1-byte files), the big folder. */
function makeData(): string {
  const dir = fs.mkdtempSync(path.join(TMP, 'wasmctl-wasi-io-'));
  const chunk = Buffer.alloc(MiB, 'wasi-io ');
  const src = fs.openSync(path.join(dir, 'src.bin'), 'w');
  for (let i = 0; i < BYTES / MiB; i++) fs.writeSync(src, chunk);
  fs.closeSync(src);
  const pad = (n: number): string => String(n).padStart(3, '0');
  for (let d = 0; d < DIRS; d++) {
    const sub = path.join(dir, 'tree', `d${pad(d)}`);
    fs.mkdirSync(sub, { recursive: true });
    for (let f = 0; f < FILES_PER_DIR; f++) fs.writeFileSync(path.join(sub, `f${pad(f)}`), 'x');
  }
  fs.mkdirSync(path.join(dir, 'list'));
  for (let i = 0; i < LIST_ENTRIES; i++) fs.writeFileSync(path.join(dir, 'list', `entry-${String(i).padStart(5, '0')}`), '');
  return dir;
}

/**
 * CPU seconds (user + system) of the children this process has waited for, from /proc/self/stat
 * (cutime, cstime; clock ticks): unlike elapsed time, barely moved by the other load on a shared
 * machine, so the second ratio printed is the steadier signal.
 */
function childCpu(): number {
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

interface Timing {
  seconds: number;
  cpu: number;
}

function timed(mode: Mode, command: string, args: string[]): Timing {
  const devNull = fs.openSync('/dev/null', 'w');
  try {
    const cpu = childCpu();
    const started = process.hrtime.bigint();
    const r = spawnSync(command, args, { cwd: MODULES, stdio: ['ignore', devNull, 'pipe'], encoding: 'utf8' });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (r.status !== 0 || !mode.expect.test(r.stderr)) throw new Error(`${mode.name} failed under ${command} (${r.status}): ${r.stderr}`);
    return { seconds, cpu: childCpu() - cpu };
  } finally {
    fs.closeSync(devNull);
  }
}

const data = makeData();
try {
  console.log(
    `WASI I/O, whole runs, median of ${rounds} alternating rounds, data in ${TMP} (WASI_IO_FULL=1 for 256 MiB), ` +
      `engine path: ${process.env.WASMCTL_WASI_NATIVE === '0' ? 'JavaScript (WASMCTL_WASI_NATIVE=0)' : 'native addon when built'}:`,
  );
  for (const mode of modes) {
    const { a, b } = alternate(
      rounds,
      () => timed(mode, WASMCTL, ['run', '-v', `${data}:/data`, './wasi-io.wasm', ...mode.args]),
      () => timed(mode, process.execPath, ['--no-warnings', '-e', nodeWasi, '--', 'wasi-io.wasm', data, ...mode.args]),
    );
    const ours = median(a.map((t) => t.seconds));
    const base = median(b.map((t) => t.seconds));
    const oursCpu = median(a.map((t) => t.cpu));
    const baseCpu = median(b.map((t) => t.cpu));
    console.log(
      `  ${mode.name} (${mode.what}): wasmctl ${ours.toFixed(2)} s, node:wasi ${base.toFixed(2)} s, ratio ${(ours / base).toFixed(2)}× (target <= 1.2×); ` +
        `CPU ${oursCpu.toFixed(2)} s vs ${baseCpu.toFixed(2)} s, ${(oursCpu / baseCpu).toFixed(2)}×`,
    );
  }
} finally {
  fs.rmSync(data, { recursive: true, force: true });
}
