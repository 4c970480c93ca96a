/**
 * `wasmctl build` against `buildah build` of the same context: the files the layers put on disk
 * (names, types, modes, owners, contents, link targets) and the run config agree; builds are
 * reproducible whatever the context's mtimes or the clock; refused instructions name their line.
 */
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import tar from 'tar-stream';
import { buildAndDeliver, openStore } from '../../image/index.js';
import { type Builder, startBuilder } from '../support/buildah.js';
import { readLayoutImage } from '../support/layer-files.js';
import { freePort } from '../support/registry.js';
import { REPO } from '../support/repo.js';

const HELLO = await readFile(join(REPO, 'samples/hello/hello.wasm'));

const MULTI_STAGE = `# syntax=docker/dockerfile:1
ARG BASE=scratch
FROM \${BASE} AS modules
COPY lib/ /lib/
COPY hello.wasm /

FROM scratch
ARG NAME=hello
ARG VERSION
ENV GREETING="hi there" \\
    NAME=\${NAME}
LABEL org.opencontainers.image.title="Hello app" version=\${VERSION}
WORKDIR /app
COPY --from=modules /hello.wasm ./\${NAME}.wasm
COPY --chmod=755 bin/*.sh tools/
COPY data data
ADD assets.tar /srv/
COPY --from=modules /lib /lib
COPY ignored-dir/keep.txt /kept/
EXPOSE 8080 9090/udp
USER 1000:1000
STOPSIGNAL SIGTERM
ENTRYPOINT ["hello.wasm"]
CMD ["--verbose"]
`;

let work: string;
let builder: Builder;
let n = 0;

async function tarOf(files: Record<string, string>): Promise<Buffer> {
  const pack = tar.pack();
  pack.entry({ name: 'x/', type: 'directory', mode: 0o755, uid: 0, gid: 0 });
  for (const [name, text] of Object.entries(files)) pack.entry({ name, mode: 0o644, uid: 0, gid: 0 }, text);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** A context with modes, a symlink, an ignored file and folder, a tar for ADD. */
async function makeContext(dockerfile: string): Promise<string> {
  const dir = join(work, `ctx-${n++}`);
  await mkdir(join(dir, 'lib/sub'), { recursive: true });
  await mkdir(join(dir, 'bin'));
  await mkdir(join(dir, 'data'));
  await mkdir(join(dir, 'ignored-dir'));
  await writeFile(join(dir, 'Dockerfile'), dockerfile);
  await writeFile(join(dir, '.dockerignore'), '**/.secret\nignored-dir\n!ignored-dir/keep.txt\nnotes.md\n');
  await writeFile(join(dir, 'hello.wasm'), HELLO);
  await writeFile(join(dir, 'lib/a.txt'), 'a\n');
  await writeFile(join(dir, 'lib/sub/b.txt'), 'b\n');
  await writeFile(join(dir, 'bin/run.sh'), 'run\n');
  await writeFile(join(dir, 'bin/stop.sh'), 'stop\n');
  await writeFile(join(dir, 'bin/keep.txt'), 'not matched by *.sh\n');
  await writeFile(join(dir, 'data/one.txt'), 'one\n');
  await chmod(join(dir, 'data/one.txt'), 0o600);
  await writeFile(join(dir, 'data/exec.bin'), 'x');
  await chmod(join(dir, 'data/exec.bin'), 0o750);
  await symlink('one.txt', join(dir, 'data/link'));
  await writeFile(join(dir, 'data/.secret'), 'never copied');
  await writeFile(join(dir, 'ignored-dir/x'), 'never copied');
  await writeFile(join(dir, 'ignored-dir/keep.txt'), 'brought back by !ignored-dir/keep.txt\n');
  await writeFile(join(dir, 'notes.md'), 'never copied');
  await writeFile(join(dir, 'assets.tar'), await tarOf({ 'x/y.txt': 'y\n', 'top.txt': 'top\n' }));
  return dir;
}

async function wasmctlBuild(context: string, extra: Partial<Parameters<typeof buildAndDeliver>[1]> = {}) {
  const dest = join(work, `out-${n++}`);
  const store = openStore(join(work, `store-${n++}`));
  const built = await buildAndDeliver(store, { context, ...extra }, { type: 'oci-layout', dest });
  return { built, image: await readLayoutImage(dest), dest };
}

async function buildahBuild(context: string, extra: string[] = []) {
  const tag = `localhost/cmp-${n++}:v1`;
  await builder.buildDir(tag, context, extra);
  const dest = join(work, `buildah-${n++}`);
  await builder.push(tag, `oci:${dest}:${tag}`);
  return readLayoutImage(dest);
}

const runConfig = (config: Record<string, unknown> | undefined) => ({
  Entrypoint: config?.Entrypoint ?? null,
  Cmd: config?.Cmd ?? null,
  Env: ((config?.Env as string[] | undefined) ?? []).filter((e) => !e.startsWith('PATH=')),
  WorkingDir: (config?.WorkingDir as string | undefined) || '/',
  // buildah stamps its version as a label; the Dockerfile's labels are what must agree.
  Labels: Object.fromEntries(
    Object.entries((config?.Labels as Record<string, string> | undefined) ?? {}).filter(([k]) => k !== 'io.buildah.version'),
  ),
  User: config?.User ?? '',
  ExposedPorts: config?.ExposedPorts ?? {},
  StopSignal: config?.StopSignal ?? '',
});

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-build-'));
  builder = await startBuilder();
});
after(async () => {
  await builder.stop();
  await rm(work, { recursive: true, force: true });
});

describe('same context, buildah and wasmctl', () => {
  test('multi-stage: files, modes, owners, links and config agree', async () => {
    const context = await makeContext(MULTI_STAGE);
    const ours = await wasmctlBuild(context, { buildArgs: { VERSION: '1.2' } });
    const theirs = await buildahBuild(context, ['--build-arg', 'VERSION=1.2']);
    assert.deepEqual(Object.fromEntries([...ours.image.files].sort()), Object.fromEntries([...theirs.files].sort()));
    assert.deepEqual(runConfig(ours.image.config.config), runConfig(theirs.config.config));
    const files = ours.image.files;
    assert.equal(files.get('app/hello.wasm')?.type, 'file');
    assert.equal(files.get('app/tools/run.sh')?.mode, '755');
    assert.equal(files.get('app/data/one.txt')?.mode, '600');
    assert.deepEqual(files.get('app/data/link'), { type: 'symlink', mode: '777', owner: '0:0', linkname: 'one.txt' });
    assert.equal(files.get('srv/x/y.txt')?.type, 'file');
    assert.equal(files.get('lib/sub/b.txt')?.type, 'file');
    assert.equal(files.get('kept/keep.txt')?.type, 'file');
    for (const gone of ['app/data/.secret', 'app/tools/keep.txt', 'srv/assets.tar']) assert.equal(files.has(gone), false, gone);
    assert.deepEqual(ours.image.config.config?.Labels, { 'org.opencontainers.image.title': 'Hello app', version: '1.2' });
    assert.equal(ours.image.config.os, 'wasi');
    assert.equal(ours.image.config.architecture, 'wasm');
  });

  test("the seed's three-line Dockerfile, verbatim", async () => {
    const context = join(work, `seed-${n++}`);
    await mkdir(context);
    // The talk's Dockerfile as it was shown (the sample's now has an ENTRYPOINT, for args).
    await writeFile(join(context, 'Dockerfile'), 'FROM scratch\nCOPY hello.wasm hello.wasm\nCMD ["hello.wasm"]\n');
    await writeFile(join(context, 'hello.wasm'), HELLO);
    const ours = await wasmctlBuild(context);
    const theirs = await buildahBuild(context);
    assert.deepEqual([...ours.image.files], [...theirs.files]);
    assert.deepEqual(runConfig(ours.image.config.config), runConfig(theirs.config.config));
    assert.deepEqual(ours.image.config.history, [
      { created: '1970-01-01T00:00:00Z', created_by: 'COPY hello.wasm hello.wasm # buildkit', comment: 'buildkit.dockerfile.v0' },
      { created: '1970-01-01T00:00:00Z', created_by: 'CMD ["hello.wasm"]', comment: 'buildkit.dockerfile.v0', empty_layer: true },
    ]);
  });
});

describe('FROM a stored image', () => {
  test('its layers, config and history carry over; ENTRYPOINT clears its CMD; COPY --from reads its files', async () => {
    const store = openStore(join(work, `store-${n++}`));
    const base = join(work, `base-${n++}`);
    await mkdir(base);
    await writeFile(join(base, 'hello.wasm'), HELLO);
    await writeFile(join(base, 'Dockerfile'), 'FROM scratch\nCOPY hello.wasm /bin/hello.wasm\nENV A=1\nCMD ["/bin/hello.wasm"]\n');
    await buildAndDeliver(store, { context: base, tags: ['base:v1'] });
    const baseImage = await store.get('base:v1');

    const child = join(work, `child-${n++}`);
    await mkdir(child);
    await writeFile(join(child, 'extra.txt'), 'extra\n');
    await writeFile(
      join(child, 'Dockerfile'),
      'FROM base:v1\nCOPY extra.txt /etc/extra.txt\nCOPY --from=base:v1 /bin/hello.wasm /copy.wasm\nENV B=2\nENTRYPOINT ["/bin/hello.wasm"]\n',
    );
    const built = await buildAndDeliver(store, { context: child, tags: ['child:v1'] });
    const image = await store.get('child:v1');
    assert.equal(image.digest, built.digest);
    assert.equal(image.layers[0]?.digest, baseImage.layers[0]?.digest);
    assert.equal(image.layers.length, 3);
    assert.deepEqual(image.config.env, ['A=1', 'B=2']);
    assert.deepEqual(image.config.entrypoint, ['/bin/hello.wasm']);
    assert.deepEqual(image.config.cmd, []);
    assert.deepEqual(await readFile(join(image.rootfs, 'copy.wasm')), HELLO);
    assert.equal(await readFile(join(image.rootfs, 'etc/extra.txt'), 'utf8'), 'extra\n');
  });

  test('--compress zstd needs a node with zstd; a base image that cannot be pulled fails at its line', async () => {
    const store = openStore(join(work, `store-${n++}`));
    const context = join(work, `ctx-${n++}`);
    await mkdir(context);
    await writeFile(join(context, 'hello.wasm'), HELLO);
    await writeFile(join(context, 'Dockerfile'), 'FROM scratch\nCOPY hello.wasm /\n');
    const zstd = buildAndDeliver(store, { context, compress: 'zstd' });
    if (process.versions.node.split('.').map(Number)[0] === 20) await assert.rejects(zstd, /zstd layers need a node with zlib zstd/);
    else await zstd;
    // A base that is not stored is pulled; on a free loopback port nothing answers (no traffic leaves the machine).
    const port = await freePort();
    await writeFile(join(context, 'Dockerfile'), `FROM scratch\nCOPY hello.wasm /\nFROM 127.0.0.1:${port}/nothere:v1\n`);
    await assert.rejects(
      buildAndDeliver(store, { context }),
      new RegExp(`^WasmctlError: Dockerfile:3: cannot reach registry 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`),
    );
  });
});

describe('hostile contexts', () => {
  test('symlinks out of the context, a tar climbing out of ADD, and a bad --chown are refused', async () => {
    const store = openStore(join(work, `store-${n++}`));
    const context = join(work, `hostile-${n++}`);
    await mkdir(context);
    await symlink('/etc/passwd', join(context, 'passwd-link'));
    await symlink('/etc', join(context, 'etc-link'));
    const bad = tar.pack();
    bad.entry({ name: '../../escape.txt', mode: 0o644 }, 'x');
    bad.finalize();
    const chunks: Buffer[] = [];
    for await (const c of bad) chunks.push(c as Buffer);
    await writeFile(join(context, 'bad.tar'), Buffer.concat(chunks));
    const build = async (dockerfile: string) => {
      await writeFile(join(context, 'Dockerfile'), dockerfile);
      return buildAndDeliver(store, { context });
    };
    // A link is read inside the context as if it were `/`: /etc/passwd is the context's etc/passwd, which is not there.
    await assert.rejects(build('FROM scratch\nCOPY passwd-link /x\n'), /Dockerfile:2: COPY passwd-link: no such file in the build context/);
    await assert.rejects(
      build('FROM scratch\nCOPY etc-link/passwd /x\n'),
      /Dockerfile:2: COPY etc-link\/passwd: no such file in the build context/,
    );
    await assert.rejects(
      build('FROM scratch\nADD bad.tar /srv/\n'),
      /ADD's archive has an entry "\.\.\/\.\.\/escape\.txt" that points outside the image root/,
    );
    await assert.rejects(build('FROM scratch\nCOPY --chown=alice bad.tar /\n'), /Dockerfile:2: --chown=alice: only numeric uid\[:gid\]/);
    // COPY . / keeps the links as links (what they point at is not read).
    const dest = join(work, `out-${n++}`);
    await writeFile(join(context, 'Dockerfile'), 'FROM scratch\nCOPY . /\n');
    await buildAndDeliver(store, { context }, { type: 'oci-layout', dest });
    const { files } = await readLayoutImage(dest);
    assert.deepEqual(files.get('passwd-link'), { type: 'symlink', mode: '777', owner: '0:0', linkname: '/etc/passwd' });
    assert.equal(files.has('etc-link/passwd'), false);
    assert.deepEqual(await store.list(), []);
  });

  test('--target, --label and --platform', async () => {
    const context = await makeContext(MULTI_STAGE);
    const ours = await wasmctlBuild(context, {
      target: 'modules',
      labels: { 'org.opencontainers.image.source': 'https://example.test/x' },
      platform: 'wasip1/wasm',
    });
    assert.deepEqual([...ours.image.files.keys()].sort(), ['hello.wasm', 'lib', 'lib/a.txt', 'lib/sub', 'lib/sub/b.txt']);
    assert.deepEqual(ours.image.config.config?.Labels, { 'org.opencontainers.image.source': 'https://example.test/x' });
    assert.equal(ours.image.config.os, 'wasip1');
    await assert.rejects(wasmctlBuild(context, { target: 'nope' }), /no stage named nope/);
  });
});
