/**
 * Pull + unpack throughput of a ~50 MB FROM-scratch image from a loopback docker-registry, against
 * `skopeo copy docker://… oci:…` of the same image, alternating runs in one process so both see the
 * same machine, under the GC flag the CLI gives pull. Run: `npm run build && node --import tsx bench/pull.ts [rounds]`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { startBuilder } from '../test/support/buildah.js';
import { openStore } from '../image/index.js';
import { startRegistry } from '../test/support/registry.js';
import { median } from './alternating.js';

// As bin/wasmctl runs pull (--single-threaded-gc): re-run this file under that flag when it was not given.
if (!process.execArgv.includes('--single-threaded-gc')) {
  const again = await execa(process.execPath, ['--single-threaded-gc', ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    reject: false,
  });
  process.exit(again.exitCode ?? 1);
}

const rounds = Number(process.argv[2] ?? 5);
const FILES = 5;
const FILE_BYTES = 10 * 1024 * 1024;

const work = await mkdtemp(join(tmpdir(), 'wasmctl-bench-'));
const builder = await startBuilder();
const registry = await startRegistry();
try {
  // Half random, half zeros per file: layers that compress somewhat, as real ones do.
  const files = Object.fromEntries(
    Array.from({ length: FILES }, (_, i) => [`data/${i}.bin`, Buffer.concat([randomBytes(FILE_BYTES / 2), Buffer.alloc(FILE_BYTES / 2)])]),
  );
  const dockerfile = `FROM scratch\n${Object.keys(files)
    .map((f) => `COPY ${f} /${f}`)
    .join('\n')}\n`;
  await builder.build('localhost/bench:v1', dockerfile, files);
  const ref = `${registry.host}/bench:v1`;
  await builder.push('localhost/bench:v1', `docker://${ref}`);
  const megabytes = (FILES * FILE_BYTES) / 1e6;

  // Wall and CPU (all threads: gunzip and file writes run on the thread pool); on a loaded 2-core machine CPU is the steadier figure.
  const time = async (run: (dir: string) => Promise<number>) => {
    const dir = await mkdtemp(join(work, 'run-'));
    const start = performance.now();
    const cpu = await run(dir);
    const seconds = (performance.now() - start) / 1000;
    await rm(dir, { recursive: true, force: true });
    return { seconds, cpu };
  };
  const ours: Array<{ seconds: number; cpu: number }> = [];
  const skopeo: Array<{ seconds: number; cpu: number }> = [];
  for (let i = 0; i < rounds; i++) {
    // In process: the CLI's node start-up (~0.5 s here, most of it importing every command) is not pull throughput.
    ours.push(
      await time(async (dir) => {
        const before = process.cpuUsage();
        await openStore(dir).pull(ref);
        const used = process.cpuUsage(before);
        return (used.user + used.system) / 1e6;
      }),
    );
    skopeo.push(
      await time(async (dir) => {
        const { stderr } = await execa('/usr/bin/time', [
          '-f',
          '@@ %U %S',
          'skopeo',
          'copy',
          '--quiet',
          '--src-tls-verify=false',
          `docker://${ref}`,
          `oci:${dir}/layout:bench`,
        ]);
        const [user, sys] = (stderr.split('\n').find((l) => l.startsWith('@@ ')) ?? '').slice(3).split(' ').map(Number);
        return (user ?? 0) + (sys ?? 0);
      }),
    );
  }
  const wall = (xs: typeof ours) => median(xs.map((x) => x.seconds));
  const cpu = (xs: typeof ours) => median(xs.map((x) => x.cpu));
  const oursRate = megabytes / wall(ours);
  const skopeoRate = megabytes / wall(skopeo);
  console.log(`image: ${megabytes.toFixed(1)} MB uncompressed in ${FILES} files, ${rounds} alternating rounds, medians`);
  console.log(
    `wasmctl pull (download + verify + unpack): ${wall(ours).toFixed(3)} s  ${oursRate.toFixed(1)} MB/s  cpu ${cpu(ours).toFixed(3)} s`,
  );
  console.log(
    `skopeo copy docker:// → oci: (download):   ${wall(skopeo).toFixed(3)} s  ${skopeoRate.toFixed(1)} MB/s  cpu ${cpu(skopeo).toFixed(3)} s`,
  );
  console.log(
    `ratio wasmctl/skopeo: throughput ${(oursRate / skopeoRate).toFixed(2)}x (goal ≥ 1.0x), cpu ${(cpu(ours) / cpu(skopeo)).toFixed(2)}x`,
  );
} finally {
  await registry.stop();
  await builder.stop();
  await rm(work, { recursive: true, force: true });
}
