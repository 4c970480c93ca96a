/**
 * Push of a ~50 MB image (5 files of 10 MB, half random) to a loopback docker-registry: `wasmctl
 * push` (as typed, and pushImage in process: the CLI's node start-up is not push throughput)
 * against `skopeo copy oci:… docker://…` of the same blobs, alternating in one run. Every push goes to a registry started empty for it, so each uploads
 * every blob (no skips, no mounts, no blob-info cache hits for skopeo).
 * Run: `npm run build && node --import tsx bench/push.ts [rounds]`.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { openStore, pushImage } from '../image/index.js';
import { REPO } from '../test/support/repo.js';
import { startRegistry } from '../test/support/registry.js';
import { median } from './alternating.js';

const rounds = Number(process.argv[2] ?? 5);
const FILES = 5;
const FILE_BYTES = 10 * 1024 * 1024;

const work = await mkdtemp(join(tmpdir(), 'wasmctl-bench-push-'));
try {
  const context = join(work, 'context');
  await mkdir(join(context, 'data'), { recursive: true });
  for (let i = 0; i < FILES; i++) {
    await writeFile(join(context, 'data', `${i}.bin`), Buffer.concat([randomBytes(FILE_BYTES / 2), Buffer.alloc(FILE_BYTES / 2)]));
  }
  await writeFile(
    join(context, 'Dockerfile'),
    `FROM scratch\n${Array.from({ length: FILES }, (_, i) => `COPY data/${i}.bin /data/${i}.bin`).join('\n')}\n`,
  );
  const root = join(work, 'store');
  const wasmctl = join(REPO, 'bin/wasmctl');
  await execa(wasmctl, ['--root', root, 'build', '-q', '-t', 'bench:v1', context]);
  const layout = join(work, 'layout');
  await execa(wasmctl, ['--root', root, 'build', '-q', '--output', `type=oci-layout,dest=${layout}`, '-t', 'bench:v1', context]);

  const time = async (push: (host: string) => Promise<unknown>) => {
    const registry = await startRegistry();
    try {
      await execa(wasmctl, ['--root', root, 'tag', 'bench:v1', `${registry.host}/bench:v1`]);
      const start = performance.now();
      await push(registry.host);
      return (performance.now() - start) / 1000;
    } finally {
      await registry.stop();
    }
  };
  // The tag (made before the clock starts) names the image for this registry; the old names stay,
  // but they point at registries that are gone, so nothing can be mounted from them.
  const ours = (host: string) => execa(wasmctl, ['--root', root, 'push', '-q', `${host}/bench:v1`]);
  const store = openStore(root);
  const library = (host: string) => pushImage(store, `${host}/bench:v1`);
  const theirs = (host: string) =>
    execa('skopeo', [
      'copy',
      '--quiet',
      '--dest-tls-verify=false',
      `oci:${layout}:docker.io/library/bench:v1`,
      `docker://${host}/bench:v1`,
    ]);
  await time(ours);
  await time(library);
  await time(theirs);
  const a: number[] = [];
  const l: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    a.push(await time(ours));
    l.push(await time(library));
    b.push(await time(theirs));
  }
  const megabytes = (FILES * FILE_BYTES) / 1e6;
  console.log(
    `image: ${megabytes.toFixed(1)} MB in ${FILES} gzip layers, ${rounds} alternating rounds, medians, each push to an empty registry`,
  );
  console.log(`wasmctl push (CLI):               ${median(a).toFixed(3)} s`);
  console.log(`wasmctl pushImage (in process):   ${median(l).toFixed(3)} s`);
  console.log(`skopeo copy oci: → docker://:     ${median(b).toFixed(3)} s`);
  console.log(
    `ratio wasmctl/skopeo: CLI ${(median(a) / median(b)).toFixed(2)}x, in process ${(median(l) / median(b)).toFixed(2)}x (goal ≤ 1.00x)`,
  );
} finally {
  await rm(work, { recursive: true, force: true });
}
