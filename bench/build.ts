/**
 * `wasmctl build` against `buildah build` of the seed's context (FROM scratch / COPY hello.wasm
 * hello.wasm / CMD ["hello.wasm"]), then of a 50 MB context, each as its CLI is typed,
 * alternating in one run so both see the same machine. Both keep their storage between rounds, as
 * a user's would (each build still reads, tars, compresses and hashes the whole context). Run: `npm run build && node --import tsx bench/build.ts [rounds]`.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { REPO } from '../test/support/repo.js';
import { median } from './alternating.js';

const rounds = Number(process.argv[2] ?? 11);
const work = await mkdtemp(join(tmpdir(), 'wasmctl-bench-build-'));
try {
  const context = join(work, 'context');
  await mkdir(context);
  await copyFile(join(REPO, 'samples/hello/Dockerfile'), join(context, 'Dockerfile'));
  await copyFile(join(REPO, 'samples/hello/hello.wasm'), join(context, 'hello.wasm'));
  const storage = ['--root', join(work, 'buildah'), '--runroot', join(work, 'buildah-run'), '--storage-driver', 'vfs'];
  // Wall and CPU (user + sys) per process, from GNU time: on a loaded 2-core machine CPU is the steadier figure.
  const timed = async (argv: string[]) => {
    const { stderr } = await execa('/usr/bin/time', ['-f', '@@ %e %U %S', ...argv]);
    const [wall, user, sys] = (stderr.split('\n').find((l) => l.startsWith('@@ ')) ?? '').slice(3).split(' ').map(Number);
    return { wall: (wall ?? 0) * 1000, cpu: ((user ?? 0) + (sys ?? 0)) * 1000 };
  };
  type Sample = { wall: number; cpu: number };
  const m = (xs: Sample[], k: keyof Sample) => median(xs.map((x) => x[k]));
  // What no wasmctl command can go below on this machine, measured in the same rotation: node's own
  // start, and the CLI's (snapshot, commander) doing nothing.
  const floors: Array<[string, string[]]> = [
    ['node -e 0', [process.execPath, '-e', '0']],
    ['wasmctl --version', [join(REPO, 'bin/wasmctl'), '--version']],
  ];
  const compare = async (label: string, dir: string, n: number, withFloors: boolean) => {
    const ours = () => timed([join(REPO, 'bin/wasmctl'), '--root', join(work, 'store'), 'build', '-q', '-t', 'bench:v1', dir]);
    const theirs = () => timed(['buildah', ...storage, 'build', '--quiet', '--timestamp', '0', '-t', 'bench:v1', dir]);
    const extra = withFloors ? floors : [];
    await ours();
    await theirs();
    const a: Sample[] = [];
    const b: Sample[] = [];
    const f: Sample[][] = extra.map(() => []);
    for (let r = 0; r < n; r++) {
      a.push(await ours());
      b.push(await theirs());
      for (const [i, [, argv]] of extra.entries()) f[i]?.push(await timed(argv));
    }
    const vs = (xs: Sample[]) =>
      `wall ${m(xs, 'wall').toFixed(0)} ms (${(m(xs, 'wall') / m(b, 'wall')).toFixed(2)}x buildah), cpu ${m(xs, 'cpu').toFixed(0)} ms`;
    console.log(`${label}, ${n} alternating rounds, medians (whole CLI processes)`);
    console.log(`  wasmctl build: ${vs(a)}`);
    console.log(`  buildah build: wall ${m(b, 'wall').toFixed(0)} ms, cpu ${m(b, 'cpu').toFixed(0)} ms`);
    console.log(
      `  ratio wasmctl/buildah: wall ${(m(a, 'wall') / m(b, 'wall')).toFixed(2)}x, cpu ${(m(a, 'cpu') / m(b, 'cpu')).toFixed(2)}x`,
    );
    for (const [i, [name]] of extra.entries()) console.log(`  floor, ${name}: ${vs(f[i] ?? [])}`);
    const version = f[extra.length - 1];
    if (version) {
      console.log(
        `  the build itself (wasmctl build − wasmctl --version): wall ${(m(a, 'wall') - m(version, 'wall')).toFixed(0)} ms, ` +
          `cpu ${(m(a, 'cpu') - m(version, 'cpu')).toFixed(0)} ms; no wasmctl command starts below the floors`,
      );
    }
  };
  await compare("the seed's Dockerfile (goal ≤ 0.30x)", context, rounds, true);
  // A context of 50 MB in five COPY layers (half random, half zeros): compression and I/O, not start-up.
  const big = join(work, 'big');
  await mkdir(join(big, 'data'), { recursive: true });
  for (let f = 0; f < 5; f++) await writeFile(join(big, 'data', `${f}.bin`), Buffer.concat([randomBytes(5 << 20), Buffer.alloc(5 << 20)]));
  await writeFile(join(big, 'Dockerfile'), `FROM scratch\n${[0, 1, 2, 3, 4].map((f) => `COPY data/${f}.bin /data/${f}.bin`).join('\n')}\n`);
  await compare('a 50 MB context', big, Math.max(3, Math.floor(rounds / 3)), false);
} finally {
  await execa(
    'buildah',
    ['--root', join(work, 'buildah'), '--runroot', join(work, 'buildah-run'), '--storage-driver', 'vfs', 'rm', '--all'],
    { reject: false },
  );
  await rm(work, { recursive: true, force: true });
}
