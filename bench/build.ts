/**
 * `wasmctl build` against `buildah build` of the seed's context (FROM scratch / COPY hello.wasm
 * hello.wasm / CMD ["hello.wasm"]), each as its CLI is typed, alternating in one run so both see
 * the same machine. wasmctl builds into a fresh store each round; buildah keeps its storage, as a
 * user's would. Run: `npm run build && node --import tsx bench/build.ts [rounds]`.
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
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
  let i = 0;
  // Wall and CPU (user + sys) per process, from GNU time: on a loaded 2-core machine CPU is the steadier figure.
  const timed = async (argv: string[]) => {
    const { stderr } = await execa('/usr/bin/time', ['-f', '@@ %e %U %S', ...argv]);
    const [wall, user, sys] = (stderr.split('\n').find((l) => l.startsWith('@@ ')) ?? '').slice(3).split(' ').map(Number);
    return { wall: (wall ?? 0) * 1000, cpu: ((user ?? 0) + (sys ?? 0)) * 1000 };
  };
  const ours = () => timed([join(REPO, 'bin/wasmctl'), '--root', join(work, `store-${i++}`), 'build', '-q', '-t', 'hello:v1', context]);
  const theirs = () => timed(['buildah', ...storage, 'build', '--quiet', '--timestamp', '0', '-t', 'hello:v1', context]);
  await ours();
  await theirs();
  const a: Array<{ wall: number; cpu: number }> = [];
  const b: Array<{ wall: number; cpu: number }> = [];
  for (let r = 0; r < rounds; r++) {
    a.push(await ours());
    b.push(await theirs());
  }
  const m = (xs: Array<{ wall: number; cpu: number }>, k: 'wall' | 'cpu') => median(xs.map((x) => x[k]));
  console.log(`seed Dockerfile, ${rounds} alternating rounds, medians (whole CLI processes)`);
  console.log(`wasmctl build: wall ${m(a, 'wall').toFixed(0)} ms, cpu ${m(a, 'cpu').toFixed(0)} ms`);
  console.log(`buildah build: wall ${m(b, 'wall').toFixed(0)} ms, cpu ${m(b, 'cpu').toFixed(0)} ms`);
  console.log(`ratio wasmctl/buildah: wall ${(m(a, 'wall') / m(b, 'wall')).toFixed(2)}x, cpu ${(m(a, 'cpu') / m(b, 'cpu')).toFixed(2)}x (goal ≤ 0.30x)`);
} finally {
  await execa('buildah', ['--root', join(work, 'buildah'), '--runroot', join(work, 'buildah-run'), '--storage-driver', 'vfs', 'rm', '--all'], { reject: false });
  await rm(work, { recursive: true, force: true });
}
