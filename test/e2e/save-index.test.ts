/**
 * A multi-platform build (`--platform wasip1/wasm,wasip2/wasm`, each platform's image printing its
 * own file) out as archives, through the CLI as typed: `--output type=oci` holds the index,
 * `type=docker` adds one manifest.json entry per platform; `save oci:DIR` writes the same bytes
 * from a layout. skopeo reads each platform back; `wasmctl pull`, `load` and `run` of the
 * archives pick each platform as a registry pull does.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { execa } from 'execa';
import { skopeoCopy } from '../support/buildah.js';
import { REPO } from '../support/repo.js';
import { wasmctlIn } from '../support/wasmctl.js';

const PLATFORMS = ['wasip1/wasm', 'wasip2/wasm'];
const NAME = 'multi:v1';
const DOCKERFILE = [
  'FROM scratch',
  'ARG TARGETOS',
  'COPY cat.wasm /cat.wasm',
  'COPY ${TARGETOS}.txt /platform.txt',
  'ENTRYPOINT ["/cat.wasm", "/platform.txt"]',
  '',
].join('\n');

let work: string;
let ctx: string;
let n = 0;
const fresh = () => join(work, `store-${n++}`);
const osOf = (platform: string) => platform.split('/')[0] as string;

async function ok(store: string, args: string[]) {
  const result = await wasmctlIn(store, args);
  assert.equal(result.exitCode, 0, `wasmctl ${args.join(' ')}: ${result.stderr}`);
  return result;
}

/** What the archive's image prints: its platform's file. */
async function runs(store: string, target: string, platform?: string): Promise<string> {
  const result = await ok(store, ['run', ...(platform ? ['--platform', platform] : []), target]);
  return result.stdout.trim();
}

async function skopeoConfigOs(source: string): Promise<string> {
  const layout = join(work, `skopeo-${n++}`);
  await skopeoCopy(source, `oci:${layout}:x`);
  const { stdout } = await execa('skopeo', ['inspect', '--config', `oci:${layout}:x`]);
  return (JSON.parse(stdout) as { os: string }).os;
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-save-index-'));
  ctx = join(work, 'ctx');
  await mkdir(ctx);
  await writeFile(join(ctx, 'Dockerfile'), DOCKERFILE);
  await writeFile(join(ctx, 'cat.wasm'), await readFile(join(REPO, 'test/modules/build/cat.wasm')));
  for (const platform of PLATFORMS) await writeFile(join(ctx, `${osOf(platform)}.txt`), `${osOf(platform)} image\n`);
});
after(() => rm(work, { recursive: true, force: true }));

describe('a multi-platform build as an archive', () => {
  const build = (output: string) => ok(fresh(), ['build', '--platform', PLATFORMS.join(','), '-t', NAME, '--output', output, ctx]);

  test('--output type=oci holds the index: skopeo copies it whole; pull, load and run pick each platform', async () => {
    const archive = join(work, 'multi-oci.tar');
    const built = await build(`type=oci,dest=${archive}`);
    const indexDigest = /Digest: (sha256:[a-f0-9]{64})/.exec(built.stdout)?.[1];

    const raw = await execa('skopeo', ['inspect', '--raw', `oci-archive:${archive}`]);
    const index = JSON.parse(raw.stdout) as { mediaType: string; manifests: Array<{ platform: { os: string } }> };
    assert.equal(index.mediaType, 'application/vnd.oci.image.index.v1+json');
    assert.deepEqual(
      index.manifests.map((m) => m.platform.os),
      PLATFORMS.map(osOf),
    );
    const all = join(work, 'skopeo-all');
    await skopeoCopy(`oci-archive:${archive}`, `oci:${all}:x`, ['--all']);
    const copied = JSON.parse(await readFile(join(all, 'index.json'), 'utf8')) as { manifests: Array<{ digest: string }> };
    assert.equal(copied.manifests[0]?.digest, indexDigest, 'skopeo --all keeps the index as written');
    for (const platform of PLATFORMS) {
      const os = osOf(platform);
      const copy = join(work, `skopeo-${n++}`);
      await skopeoCopy(`oci-archive:${archive}`, `oci:${copy}:x`, ['--override-os', os, '--override-arch', 'wasm']);
      const config = await execa('skopeo', ['inspect', '--config', `oci:${copy}:x`]);
      assert.equal((JSON.parse(config.stdout) as { os: string }).os, os);

      const pulled = fresh();
      await ok(pulled, ['pull', '--platform', platform, `oci-archive:${archive}`]);
      assert.equal(await runs(pulled, NAME), `${os} image`);
      const loaded = fresh();
      await ok(loaded, ['load', '--platform', platform, '-i', archive]);
      assert.equal(await runs(loaded, NAME), `${os} image`);
      assert.equal(await runs(fresh(), `oci-archive:${archive}`, platform), `${os} image`);
    }
    assert.equal(await runs(fresh(), `oci-archive:${archive}`), 'wasip1 image', 'without --platform: the first Wasm one, as pull picks');
    const none = await wasmctlIn(fresh(), ['pull', '--platform', 'linux/arm64', `oci-archive:${archive}`]);
    assert.notEqual(none.exitCode, 0);
    assert.match(none.stderr, /^wasmctl: .* has no image for linux\/arm64 \(it offers: wasip1\/wasm, wasip2\/wasm/);
    assert.equal(none.stderr.trim().split('\n').length, 1, none.stderr);
  });

  test('--output type=docker: one manifest.json entry per platform; skopeo reads each by @N, load --platform each', async () => {
    const archive = join(work, 'multi-docker.tar');
    await build(`type=docker,dest=${archive}`);
    const listed = JSON.parse((await execa('tar', ['-xOf', archive, 'manifest.json'])).stdout) as Array<{ RepoTags: string[] }>;
    assert.deepEqual(
      listed.map((e) => e.RepoTags),
      [[NAME], []],
      'the name on the platform a loader picks by default',
    );
    for (const [i, platform] of PLATFORMS.entries()) {
      assert.equal(await skopeoConfigOs(`docker-archive:${archive}:@${i}`), osOf(platform));
      const loaded = fresh();
      await ok(loaded, ['load', '--platform', platform, '-i', archive]);
      assert.equal(await runs(loaded, NAME), `${osOf(platform)} image`);
    }
    assert.equal(await skopeoConfigOs(`docker-archive:${archive}:docker.io/library/${NAME}`), 'wasip1');
    const plain = fresh();
    await ok(plain, ['load', '-i', archive]);
    assert.equal(await runs(plain, NAME), 'wasip1 image');
  });

  test('save oci:DIR writes what build --output writes; a layout a docker archive cannot hold is refused in one line', async () => {
    const layout = join(work, 'multi-layout');
    await build(`type=oci-layout,dest=${layout}`);
    const store = fresh();
    for (const [format, type] of [
      ['oci-archive', 'oci'],
      ['docker-archive', 'docker'],
    ] as const) {
      const saved = join(work, `saved-${format}.tar`);
      await ok(store, ['save', '--format', format, '-o', saved, `oci:${layout}`]);
      const built = join(work, `built-${format}.tar`);
      await build(`type=${type},dest=${built}`);
      assert.deepEqual(await readFile(saved), await readFile(built), `${format}: the same archive, byte for byte`);
    }

    const artifactCtx = join(work, 'artifact-ctx');
    await mkdir(artifactCtx);
    await writeFile(join(artifactCtx, 'Dockerfile'), 'FROM scratch\nCOPY cat.wasm /cat.wasm\n');
    await writeFile(join(artifactCtx, 'cat.wasm'), await readFile(join(ctx, 'cat.wasm')));
    const artifact = join(work, 'artifact-layout');
    await ok(fresh(), ['build', '--format', 'wasm', '-t', 'art:v1', '--output', `type=oci-layout,dest=${artifact}`, artifactCtx]);
    const dest = join(work, 'refused.tar');
    const refused = await wasmctlIn(store, ['save', '-o', dest, `oci:${artifact}`]);
    assert.notEqual(refused.exitCode, 0);
    assert.match(refused.stderr, /^wasmctl: .*art:v1 is a Wasm OCI artifact, which a docker archive cannot hold.*--format oci-archive/);
    assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
    assert.deepEqual(
      (await readdir(work)).filter((f) => f.startsWith('refused')),
      [],
      'no archive, no temp file',
    );
    const missing = await wasmctlIn(store, ['save', '-o', dest, `oci:${join(work, 'no-such-layout')}`]);
    assert.notEqual(missing.exitCode, 0);
    assert.equal(missing.stderr.trim().split('\n').length, 1, missing.stderr);
  });
});
