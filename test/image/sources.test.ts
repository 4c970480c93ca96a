/**
 * Real images from buildah (FROM scratch + samples/hello/hello.wasm) through every source:
 * docker-archive:, oci-archive:, skopeo's oci: layout and zstd copies, and a docker-registry on
 * loopback with no auth, htpasswd basic auth and token auth.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openStore, type StoredImage } from '../../image/index.js';
import { type Builder, skopeoCopy, startBuilder } from '../support/buildah.js';
import { REPO } from '../support/repo.js';
import { type Registry, freePort, registryBlobPath, startRegistry } from '../support/registry.js';

const HELLO = await readFile(join(REPO, 'samples/hello/hello.wasm'));
const DOCKERFILE = 'FROM scratch\nCOPY hello.wasm hello.wasm\nCMD ["hello.wasm"]\n';
const user = { username: 'alice', password: 's3cret-pw' };

let builder: Builder;
let work: string;
let n = 0;
const freshStore = () => openStore(join(work, `store-${n++}`));

async function assertHello(image: StoredImage | undefined, reference: string) {
  assert.ok(image);
  assert.equal(image.reference, reference);
  assert.match(image.digest, /^sha256:[a-f0-9]{64}$/);
  assert.deepEqual(image.config.cmd, ['hello.wasm']);
  assert.equal(image.config.workingDir, '/');
  assert.deepEqual(await readFile(join(image.rootfs, 'hello.wasm')), HELLO);
}

async function assertStoreEmpty(root: string) {
  assert.deepEqual(await openStore(root).list(), []);
  for (const sub of ['blobs/sha256', 'rootfs', 'tmp']) assert.deepEqual(await readdir(join(root, sub)).catch(() => []), []);
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-sources-'));
  builder = await startBuilder();
  await builder.build('localhost/hello:v1', DOCKERFILE, { 'hello.wasm': HELLO });
});
after(async () => {
  await builder.stop();
  await rm(work, { recursive: true, force: true });
});

describe('archives and layouts', () => {
  test('docker-archive from buildah', async () => {
    const path = join(work, 'hello-docker.tar');
    await builder.push('localhost/hello:v1', `docker-archive:${path}:localhost/hello:v1`);
    const images = await freshStore().load({ path });
    assert.equal(images.length, 1);
    await assertHello(images[0], 'localhost/hello:v1');
  });

  test('oci-archive from buildah, read from a stream', async () => {
    const path = join(work, 'hello-oci.tar');
    await builder.push('localhost/hello:v1', `oci-archive:${path}:localhost/hello:v2`);
    const { createReadStream } = await import('node:fs');
    const [image] = await freshStore().load({ stream: createReadStream(path) });
    await assertHello(image, 'localhost/hello:v2');
  });

  test('skopeo oci: layout, and a zstd copy of it', async () => {
    const layout = join(work, 'layout');
    await builder.push('localhost/hello:v1', `oci:${layout}:localhost/hello:v3`);
    const zstd = join(work, 'layout-zstd');
    await skopeoCopy(`oci:${layout}:localhost/hello:v3`, `oci:${zstd}:localhost/hello:zstd`, ['--dest-compress-format', 'zstd']);
    const store = freshStore();
    const [gzip] = await store.load({ path: layout });
    const [z] = await store.load({ path: zstd });
    await assertHello(gzip, 'localhost/hello:v3');
    await assertHello(z, 'localhost/hello:zstd');
    assert.match(z!.layers[0]!.mediaType, /zstd/);
    assert.equal((await store.list()).length, 2);
  });

  test('a bare tag (skopeo oci:DIR:v1, buildah oci-archive:PATH:v1) is named after the folder or archive', async () => {
    const layout = join(work, 'Hello_Tagged');
    await skopeoCopy(`oci:${join(work, 'layout')}:localhost/hello:v3`, `oci:${layout}:v1`);
    const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8')) as {
      manifests: Array<{ annotations?: Record<string, string> }>;
    };
    assert.equal(index.manifests[0]?.annotations?.['org.opencontainers.image.ref.name'], 'v1');
    const archive = join(work, 'hello-tagged.tar');
    await builder.push('localhost/hello:v1', `oci-archive:${archive}:v2`);
    const store = freshStore();
    await assertHello((await store.load({ path: layout }))[0], 'docker.io/library/hello-tagged:v1');
    await assertHello((await store.load({ path: archive }))[0], 'docker.io/library/hello-tagged:v2');
    const { createReadStream } = await import('node:fs');
    // From a stream there is no name to borrow: the image stays known by its digest.
    const [fromStream] = await freshStore().load({ stream: createReadStream(archive) });
    assert.equal(fromStream?.reference, fromStream?.digest);
  });

  test('resolve() takes transports and stored references', async () => {
    const store = freshStore();
    const image = await store.resolve(`oci-archive:${join(work, 'hello-oci.tar')}`, { pull: 'never' });
    assert.equal((await store.resolve('localhost/hello:v2', { pull: 'never' })).digest, image.digest);
    await assert.rejects(store.resolve('localhost/nothere:v1', { pull: 'never' }), (err: Error & { hint?: string }) => {
      assert.equal(err.message, 'image "localhost/nothere:v1" is not in the store');
      assert.match(err.hint ?? '', /wasmctl pull localhost\/nothere:v1/);
      return true;
    });
  });
});

describe('registry without auth', () => {
  let registry: Registry;
  before(async () => {
    registry = await startRegistry();
    await builder.push('localhost/hello:v1', `docker://${registry.host}/hello:v1`);
    await skopeoCopy(`docker://${registry.host}/hello:v1`, `docker://${registry.host}/hello:zstd`, ['--dest-compress-format', 'zstd']);
  });
  after(() => registry.stop());

  test('pull over plain HTTP on loopback, with progress', async () => {
    const events: string[] = [];
    const image = await freshStore().pull(`${registry.host}/hello:v1`, { onProgress: (e) => events.push(e.status) });
    await assertHello(image, `${registry.host}/hello:v1`);
    assert.ok(events.includes('Downloading') && events.includes('Pull complete'));
  });

  test('pull a zstd image, then by digest', async () => {
    const store = freshStore();
    const z = await store.pull(`${registry.host}/hello:zstd`);
    await assertHello(z, `${registry.host}/hello:zstd`);
    const byDigest = await store.pull(`${registry.host}/hello@${z.digest}`);
    assert.equal(byDigest.digest, z.digest);
  });

  test('resolve() pull policies: never refuses a missing image, missing pulls once, always asks the registry again', async () => {
    const store = freshStore();
    const ref = `${registry.host}/hello:v1`;
    await assert.rejects(store.resolve(ref, { pull: 'never' }), /is not in the store/);
    const events: string[] = [];
    const onProgress = (e: { status: string }) => events.push(e.status);
    await assertHello(await store.resolve(ref, { pull: 'missing', onProgress }), ref);
    const pulled = events.length;
    await store.resolve(ref, { pull: 'missing', onProgress });
    assert.equal(events.length, pulled, 'a stored image is not pulled again');
    await store.resolve(ref, { pull: 'always', onProgress });
    assert.ok(events.length > pulled, 'always goes back to the registry');
  });

  test('an unknown reference is NotFound and leaves nothing', async () => {
    const store = freshStore();
    await assert.rejects(store.pull(`${registry.host}/nope:v1`), /image 127\.0\.0\.1:\d+\/nope:v1 .* not found in the registry/);
    await assertStoreEmpty(store.root);
  });

  test('a blob corrupted at rest is refused; a missing blob is NotFound', async () => {
    const store = freshStore();
    const probe = await freshStore().pull(`${registry.host}/hello:v1`);
    const layer = registryBlobPath(registry, probe.layers[0]!.digest);
    const good = await readFile(layer);
    await writeFile(layer, Buffer.concat([good.subarray(0, 100), Buffer.alloc(good.length - 100, 1)]));
    await assert.rejects(store.pull(`${registry.host}/hello:v1`), /layer sha256:[a-f0-9]{64} does not match its digest/);
    await assertStoreEmpty(store.root);
    await rm(layer);
    await assert.rejects(store.pull(`${registry.host}/hello:v1`), /blob sha256:[a-f0-9]{64} of .* not found in the registry/);
    await assertStoreEmpty(store.root);
    await writeFile(layer, good);
  });

  test('a registry that is down is Unavailable', async () => {
    const store = freshStore();
    const port = await freePort();
    await assert.rejects(
      store.pull(`127.0.0.1:${port}/hello:v1`),
      new RegExp(`cannot reach registry 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`),
    );
    await assertStoreEmpty(store.root);
  });

  test('two pulls of the same image at once both succeed and store it once', async () => {
    const root = join(work, `store-${n++}`);
    const [a, b] = await Promise.all([
      openStore(root).pull(`${registry.host}/hello:v1`),
      openStore(root).pull(`${registry.host}/hello:v1`),
    ]);
    assert.equal(a.digest, b.digest);
    assert.equal((await openStore(root).list()).length, 1);
    assert.deepEqual(await readdir(join(root, 'tmp')), []);
  });
});

for (const mode of ['htpasswd', 'token'] as const) {
  describe(`registry with ${mode} auth`, () => {
    let registry: Registry;
    let savedConfig: string | undefined;
    before(async () => {
      registry = await startRegistry({ auth: { mode, user } });
      await builder.push('localhost/hello:v1', `docker://${registry.host}/team/hello:v1`, ['--creds', `${user.username}:${user.password}`]);
      savedConfig = process.env.DOCKER_CONFIG;
    });
    after(async () => {
      if (savedConfig === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = savedConfig;
      await registry.stop();
    });

    test('without credentials the pull is refused', async () => {
      process.env.DOCKER_CONFIG = join(work, 'no-docker-config');
      const store = freshStore();
      await assert.rejects(
        store.pull(`${registry.host}/team/hello:v1`),
        mode === 'token' ? /token service .* refused/ : /requires credentials/,
      );
      await assertStoreEmpty(store.root);
    });

    test('with wrong credentials the pull is refused', async () => {
      process.env.DOCKER_CONFIG = await registry.dockerConfig({ username: user.username, password: 'wrong' });
      await assert.rejects(freshStore().pull(`${registry.host}/team/hello:v1`), /refused/);
    });

    test('credentials from DOCKER_CONFIG pull the image', async () => {
      process.env.DOCKER_CONFIG = await registry.dockerConfig(user);
      const before = registry.tokenRequests();
      await assertHello(await freshStore().pull(`${registry.host}/team/hello:v1`), `${registry.host}/team/hello:v1`);
      if (mode === 'token') assert.ok(registry.tokenRequests() > before);
    });
  });
}
