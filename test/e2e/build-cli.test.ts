/**
 * `wasmctl build`, `tag` and `save` as a user types them (`node bin/wasmctl.js …` after `npm run
 * build`): the seed's Dockerfile then `run`, one digest whatever the mtimes and the clock, refused
 * instructions as one line naming the Dockerfile line, archives read by skopeo and by `load`.
 */
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { execa } from 'execa';
import { skopeoCopy } from '../support/buildah.js';
import { REPO } from '../support/repo.js';

let work: string;
let n = 0;
const HELLO = await readFile(join(REPO, 'samples/hello/hello.wasm'));
const SEED = await readFile(join(REPO, 'samples/hello/Dockerfile'), 'utf8');

function wasmctl(root: string, args: string[], options: { env?: Record<string, string | undefined>; node?: string[] } = {}) {
  return execa('node', [...(options.node ?? []), join(REPO, 'bin/wasmctl.js'), '--root', root, ...args], {
    reject: false,
    env: { SOURCE_DATE_EPOCH: undefined, ...options.env },
    extendEnv: true,
  });
}

async function context(dockerfile: string, files: Record<string, Buffer | string> = { 'hello.wasm': HELLO }): Promise<string> {
  const dir = join(work, `ctx-${n++}`);
  await mkdir(dir);
  await writeFile(join(dir, 'Dockerfile'), dockerfile);
  for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, name), bytes);
  return dir;
}

const freshRoot = () => join(work, `store-${n++}`);
const digestOf = (stdout: string) => /Digest: (sha256:[a-f0-9]{64})/.exec(stdout)?.[1];

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-build-cli-'));
});
after(() => rm(work, { recursive: true, force: true }));

describe('ADD of a large local tar', () => {
  test('streams it into the layer: peak memory stays far below the archive, the file arrives whole', async () => {
    const dir = await context('FROM scratch\nADD big.tar.gz /data/\n', {});
    const payload = join(work, `payload-${n++}`);
    await mkdir(payload);
    await execa('sh', [
      '-c',
      `head -c 268435456 /dev/zero > '${join(payload, 'zeros.bin')}' && tar -C '${payload}' -czf '${join(dir, 'big.tar.gz')}' zeros.bin`,
    ]);
    await rm(payload, { recursive: true });
    const root = freshRoot();
    const timed = await execa(
      '/usr/bin/time',
      ['-f', '@@ %M', 'node', join(REPO, 'bin/wasmctl.js'), '--root', root, 'build', '-t', 'big:v1', dir],
      { reject: false },
    );
    assert.equal(timed.exitCode, 0, timed.stderr);
    const peakKiB = Number(/@@ (\d+)/.exec(timed.stderr)?.[1]);
    // Held in memory (as before), the 256 MiB file alone would be twice this.
    assert.ok(peakKiB < 200 * 1024, `peak RSS ${Math.round(peakKiB / 1024)} MiB`);
    const inspect = await wasmctl(root, ['inspect', 'big:v1']);
    const image = JSON.parse(inspect.stdout) as { rootfs: string };
    assert.equal((await stat(join(image.rootfs, 'data', 'zeros.bin'))).size, 268435456);
  });
});

describe('build then run', () => {
  test("the seed's Dockerfile verbatim, then wasmctl run", async () => {
    const root = freshRoot();
    const build = await wasmctl(root, ['build', '-t', 'hello:v1', await context(SEED)]);
    assert.equal(build.exitCode, 0, build.stderr);
    assert.match(build.stdout, /^Tagged docker\.io\/library\/hello:v1\nDigest: sha256:[a-f0-9]{64}$/);
    const run = await wasmctl(root, ['run', 'hello:v1']);
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(run.stdout, /Hello from WebAssembly!/);
  });

  test('--format wasm: the Wasm OCI artifact, which run runs too', async () => {
    const root = freshRoot();
    const dir = await context(SEED);
    const build = await wasmctl(root, ['build', '--format', 'wasm', '-t', 'hello:wasm', dir]);
    assert.equal(build.exitCode, 0, build.stderr);
    const inspect = JSON.parse((await wasmctl(root, ['inspect', 'hello:wasm'])).stdout) as
      Array<{ layers: Array<{ mediaType: string }> }> | { layers: Array<{ mediaType: string }> };
    const image = Array.isArray(inspect) ? inspect[0] : inspect;
    assert.deepEqual(
      image?.layers.map((l) => l.mediaType),
      ['application/wasm'],
    );
    const run = await wasmctl(root, ['run', 'hello:wasm']);
    assert.match(run.stdout, /Hello from WebAssembly!/, run.stderr);
  });
});

describe('reproducible', () => {
  test('other mtimes, another day on the clock, another machine: one digest', async () => {
    const a = await context(SEED);
    const b = join(work, `ctx-copy-${n++}`);
    await cp(a, b, { recursive: true });
    await utimes(join(a, 'hello.wasm'), new Date('2001-01-01'), new Date('2001-01-01'));
    await utimes(join(b, 'hello.wasm'), new Date('2031-06-15'), new Date('2031-06-15'));
    // The second build runs with the clock ~3 years ahead (Date is shifted before wasmctl loads).
    const shift = join(work, 'shift-clock.mjs');
    await writeFile(shift, 'const real = Date.now; const ahead = 1000 * 86400 * 1111; Date.now = () => real() + ahead;\n');
    const first = await wasmctl(freshRoot(), ['build', a]);
    const second = await wasmctl(freshRoot(), ['build', b], { node: ['--import', shift] });
    assert.equal(first.exitCode, 0, first.stderr);
    assert.ok(digestOf(first.stdout));
    assert.equal(digestOf(second.stdout), digestOf(first.stdout));
    const dated = await wasmctl(freshRoot(), ['build', a], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
    const flagged = await wasmctl(freshRoot(), ['build', '--timestamp', '1700000000', b]);
    assert.notEqual(digestOf(dated.stdout), digestOf(first.stdout));
    assert.equal(digestOf(flagged.stdout), digestOf(dated.stdout));
  });
});

describe('refused, one line naming the Dockerfile line, nothing stored', () => {
  const cases: Array<[string, string, RegExp]> = [
    [
      'RUN',
      'FROM scratch\nCOPY hello.wasm /\nRUN clang -o x.wasm x.c\n',
      /^wasmctl: Dockerfile:3: RUN is not supported: a Wasm image has no shell/,
    ],
    [
      'shell-form CMD',
      'FROM scratch\nCOPY hello.wasm /\nCMD hello.wasm --loud\n',
      /^wasmctl: Dockerfile:3: CMD hello\.wasm --loud: the shell form needs \/bin\/sh.*CMD \["hello\.wasm","--loud"\]/,
    ],
    ['unknown instruction', 'FROM scratch\nFROBNICATE x\n', /^wasmctl: Dockerfile:2: unknown instruction FROBNICATE/],
    ['a missing file', 'FROM scratch\nCOPY nope.wasm /\n', /^wasmctl: Dockerfile:2: COPY nope\.wasm: no such file in the build context/],
    ['a path out of the context', 'FROM scratch\nCOPY ../secret /\n', /^wasmctl: Dockerfile:2: \.\.\/secret is outside the build context/],
  ];
  for (const [what, dockerfile, expected] of cases) {
    test(what, async () => {
      const root = freshRoot();
      const build = await wasmctl(root, ['build', '-t', 'x:v1', await context(dockerfile)]);
      assert.notEqual(build.exitCode, 0);
      assert.match(build.stderr, expected);
      assert.equal(build.stderr.trim().split('\n').length, 1, build.stderr);
      assert.deepEqual(await readdir(join(root, 'rootfs')).catch(() => []), []);
    });
  }
});

describe('tag, save, --output', () => {
  test('save (docker-archive, oci-archive) and build --output: skopeo and wasmctl load read them', async () => {
    const root = freshRoot();
    const dir = await context(SEED);
    assert.equal((await wasmctl(root, ['build', '-t', 'hello:v1', dir])).exitCode, 0);
    const tag = await wasmctl(root, ['tag', 'hello:v1', '127.0.0.1:5000/team/hello:v2']);
    assert.equal(tag.exitCode, 0, tag.stderr);
    const docker = join(work, `saved-${n++}.tar`);
    const save = await wasmctl(root, ['save', '-o', docker, 'hello:v1', '127.0.0.1:5000/team/hello:v2']);
    assert.equal(save.exitCode, 0, save.stderr);
    const oci = join(work, `saved-oci-${n++}.tar`);
    assert.equal((await wasmctl(root, ['save', '--format', 'oci-archive', '-o', oci, 'hello:v1'])).exitCode, 0);
    const out = join(work, `out-${n++}.tar`);
    assert.equal((await wasmctl(freshRoot(), ['build', '--output', `type=docker,dest=${out}`, '-t', 'hello:out', dir])).exitCode, 0);

    for (const source of [`docker-archive:${docker}:hello:v1`, `oci-archive:${oci}`, `docker-archive:${out}`]) {
      const layout = join(work, `skopeo-${n++}`);
      await skopeoCopy(source, `oci:${layout}:x`);
      assert.ok((await readdir(join(layout, 'blobs', 'sha256'))).length >= 3, source);
    }
    for (const archive of [docker, oci, out]) {
      const fresh = freshRoot();
      const load = await wasmctl(fresh, ['load', '-i', archive]);
      assert.equal(load.exitCode, 0, load.stderr);
      const name = /Loaded image: (\S+)/.exec(load.stdout)?.[1] as string;
      const run = await wasmctl(fresh, ['run', name]);
      assert.match(run.stdout, /Hello from WebAssembly!/, `${archive}: ${run.stderr}`);
    }
    const piped = join(work, `piped-${n++}.tar`);
    const toStdout = await execa('sh', ['-c', `node "${join(REPO, 'bin/wasmctl.js')}" --root "${root}" save hello:v1 > "${piped}"`], {
      reject: false,
    });
    assert.equal(toStdout.exitCode, 0, toStdout.stderr);
    const single = join(work, `single-${n++}.tar`);
    assert.equal((await wasmctl(root, ['save', '-o', single, 'hello:v1'])).exitCode, 0);
    assert.deepEqual(await readFile(piped), await readFile(single), 'save to stdout writes what save -o writes, byte for byte');
    const layoutDest = join(work, `layout-${n++}`);
    await mkdir(layoutDest);
    const exists = await wasmctl(root, ['build', '--output', `type=oci-layout,dest=${layoutDest}`, dir]);
    assert.match(exists.stderr, /^wasmctl: .* already exists/);
    assert.equal(exists.stderr.trim().split('\n').length, 1);

    // One image under both names: `load` says it once, `images` lists both names.
    const both = freshRoot();
    assert.equal((await wasmctl(both, ['load', '-i', docker])).exitCode, 0);
    const images = (await wasmctl(both, ['images'])).stdout;
    assert.match(images, /^hello\s+v1\s/m);
    assert.match(images, /^127\.0\.0\.1:5000\/team\/hello\s+v2\s/m);
  });
});
