/**
 * Pull + unpack throughput of a ~50 MB FROM-scratch image from a loopback docker-registry, against
 * `skopeo copy docker://… oci:…` of the same image, alternating runs in one process so both see the
 * same machine. Run: `npm run build && node --import tsx bench/pull.ts [rounds]`.
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
  const dockerfile = `FROM scratch\n${Object.keys(files).map((f) => `COPY ${f} /${f}`).join('\n')}\n`;
  await builder.build('localhost/bench:v1', dockerfile, files);
  const ref = `${registry.host}/bench:v1`;
  await builder.push('localhost/bench:v1', `docker://${ref}`);
  const megabytes = (FILES * FILE_BYTES) / 1e6;

  const time = async (run: (dir: string) => Promise<unknown>) => {
    const dir = await mkdtemp(join(work, 'run-'));
    const start = performance.now();
    await run(dir);
    const seconds = (performance.now() - start) / 1000;
    await rm(dir, { recursive: true, force: true });
    return seconds;
  };
  const ours: number[] = [];
  const skopeo: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // In process: the CLI's node start-up (~0.5 s here, most of it importing every command) is not pull throughput.
    ours.push(await time((dir) => openStore(dir).pull(ref)));
    skopeo.push(await time((dir) => execa('skopeo', ['copy', '--quiet', '--src-tls-verify=false', `docker://${ref}`, `oci:${dir}/layout:bench`])));
  }
  const oursRate = megabytes / median(ours);
  const skopeoRate = megabytes / median(skopeo);
  console.log(`image: ${megabytes.toFixed(1)} MB uncompressed in ${FILES} files, ${rounds} alternating rounds, medians`);
  console.log(`wasmctl pull (download + verify + unpack): ${median(ours).toFixed(3)} s  ${oursRate.toFixed(1)} MB/s`);
  console.log(`skopeo copy docker:// → oci: (download):   ${median(skopeo).toFixed(3)} s  ${skopeoRate.toFixed(1)} MB/s`);
  console.log(`ratio wasmctl/skopeo: ${(oursRate / skopeoRate).toFixed(2)}x (goal ≥ 1.0x)`);
} finally {
  await registry.stop();
  await builder.stop();
  await rm(work, { recursive: true, force: true });
}
