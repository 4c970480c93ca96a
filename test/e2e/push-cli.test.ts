/**
 * `wasmctl login`, `tag`, `push` and `build --push` against Debian's docker-registry on loopback
 * (no auth behind a counting forwarder, htpasswd, token auth): skopeo reads what was pushed,
 * `wasmctl pull` into a fresh store runs it, a second push uploads no blob, a push to another
 * repository mounts, 401/413 are one-line errors, 5xx answers are retried, chunked uploads work.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { execa } from 'execa';
import { openStore, pushImage } from '../../image/index.js';
import { type Containerd, WASMCTL_RUNTIME, startContainerd } from '../support/containerd.js';
import { type CountingProxy, startProxy } from '../support/counting-proxy.js';
import { type Registry, startRegistry } from '../support/registry.js';
import { REPO } from '../support/repo.js';

const HELLO = await readFile(join(REPO, 'samples/hello/hello.wasm'));
const user = { username: 'alice', password: 's3cret-pw' };
let work: string;
let n = 0;

function wasmctl(root: string, args: string[], env: Record<string, string> = {}, input?: string) {
  return execa('node', [join(REPO, 'bin/wasmctl.js'), '--root', root, ...args], {
    reject: false,
    env,
    ...(input !== undefined ? { input } : {}),
  });
}

/** A context whose image differs from every other one the tests build. */
async function context(): Promise<string> {
  const dir = join(work, `ctx-${n++}`);
  await mkdir(dir);
  await writeFile(join(dir, 'hello.wasm'), HELLO);
  await writeFile(join(dir, 'stamp.txt'), `image ${n} ${Math.random()}\n`);
  await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY hello.wasm stamp.txt /\nCMD ["hello.wasm"]\n');
  return dir;
}

async function built(root: string, name: string): Promise<void> {
  const build = await wasmctl(root, ['build', '-t', name, await context()]);
  assert.equal(build.exitCode, 0, build.stderr);
}

const skopeo = (args: string[]) => execa('skopeo', [...args], { reject: false });

async function assertRunsAfterPull(reference: string, env: Record<string, string> = {}) {
  const fresh = join(work, `fresh-${n++}`);
  const pull = await wasmctl(fresh, ['pull', reference], env);
  assert.equal(pull.exitCode, 0, pull.stderr);
  const run = await wasmctl(fresh, ['run', reference]);
  assert.match(run.stdout, /Hello from WebAssembly!/, run.stderr);
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-push-'));
});
after(() => rm(work, { recursive: true, force: true }));

for (const mode of ['htpasswd', 'token'] as const) {
  describe(`${mode} auth`, () => {
    let registry: Registry;
    before(async () => {
      registry = await startRegistry({ auth: { mode, user } });
    });
    after(() => registry.stop());

    test('401 before login, login, push, skopeo inspect/copy, pull into a fresh store and run, logout', async () => {
      const root = join(work, `store-${n++}`);
      const env = { DOCKER_CONFIG: join(work, `docker-${n++}`) };
      const name = `${registry.host}/team/hello:v1`;
      await built(root, name);

      const refused = await wasmctl(root, ['push', name], env);
      assert.notEqual(refused.exitCode, 0);
      assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
      assert.match(
        refused.stderr,
        mode === 'htpasswd'
          ? /wants credentials \(401 unauthorized\).*wasmctl login/
          : /refused the credentials \(401 unauthorized\).*wasmctl login/,
      );

      const bad = await wasmctl(root, ['login', registry.host, '-u', user.username, '--password-stdin'], env, 'wrong\n');
      assert.notEqual(bad.exitCode, 0);
      assert.match(bad.stderr, /refused the credentials/);
      const login = await wasmctl(root, ['login', registry.host, '-u', user.username, '--password-stdin'], env, `${user.password}\n`);
      assert.equal(login.exitCode, 0, login.stderr);
      const config = JSON.parse(await readFile(join(env.DOCKER_CONFIG, 'config.json'), 'utf8')) as {
        auths: Record<string, { auth: string }>;
      };
      assert.equal(Buffer.from(config.auths[registry.host]?.auth ?? '', 'base64').toString(), `${user.username}:${user.password}`);

      const push = await wasmctl(root, ['push', name], env);
      assert.equal(push.exitCode, 0, push.stderr);
      const digest = /Digest: (sha256:[a-f0-9]{64})/.exec(push.stdout)?.[1];
      const creds = ['--tls-verify=false', '--creds', `${user.username}:${user.password}`];
      const inspect = await skopeo(['inspect', ...creds, `docker://${name}`]);
      assert.equal(inspect.exitCode, 0, inspect.stderr);
      assert.equal((JSON.parse(inspect.stdout) as { Digest: string }).Digest, digest);
      const copy = await skopeo([
        'copy',
        '--src-tls-verify=false',
        '--src-creds',
        `${user.username}:${user.password}`,
        `docker://${name}`,
        `oci:${join(work, `copy-${n++}`)}:x`,
      ]);
      assert.equal(copy.exitCode, 0, copy.stderr);
      await assertRunsAfterPull(name, env);

      const logout = await wasmctl(root, ['logout', registry.host], env);
      assert.match(logout.stdout, /Removed login credentials/);
      const after = JSON.parse(await readFile(join(env.DOCKER_CONFIG, 'config.json'), 'utf8')) as { auths: Record<string, unknown> };
      assert.equal(after.auths[registry.host], undefined);
    });
  });
}

describe('login through a credential helper (credsStore)', () => {
  let registry: Registry;
  before(async () => {
    registry = await startRegistry({ auth: { mode: 'htpasswd', user } });
  });
  after(() => registry.stop());

  test('login stores with the helper, push gets from it, logout erases', async () => {
    const dir = join(work, `helper-${n++}`);
    await mkdir(join(dir, 'bin'), { recursive: true });
    await mkdir(join(dir, 'docker'));
    const saved = join(dir, 'saved.json');
    // The helper protocol: store reads {ServerURL, Username, Secret}, get answers it, erase forgets.
    const script = `#!/bin/sh\ncase "$1" in\n store) cat > "${saved}" ;;\n get) cat >/dev/null; [ -f "${saved}" ] && cat "${saved}" || { echo "credentials not found in native keychain"; exit 1; } ;;\n erase) cat >/dev/null; rm -f "${saved}" ;;\nesac\n`;
    await writeFile(join(dir, 'bin', 'docker-credential-testfile'), script, { mode: 0o755 });
    await writeFile(join(dir, 'docker', 'config.json'), JSON.stringify({ credsStore: 'testfile', auths: {} }));
    const env = { DOCKER_CONFIG: join(dir, 'docker'), PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}` };
    const root = join(work, `store-${n++}`);
    const name = `${registry.host}/helped/hello:v1`;
    await built(root, name);
    const login = await wasmctl(root, ['login', registry.host, '-u', user.username, '--password-stdin'], env, user.password);
    assert.equal(login.exitCode, 0, login.stderr);
    assert.deepEqual(JSON.parse(await readFile(saved, 'utf8')), {
      ServerURL: registry.host,
      Username: user.username,
      Secret: user.password,
    });
    const config = JSON.parse(await readFile(join(dir, 'docker', 'config.json'), 'utf8')) as {
      auths: Record<string, object>;
      credsStore: string;
    };
    assert.deepEqual(config, { credsStore: 'testfile', auths: { [registry.host]: {} } });
    const push = await wasmctl(root, ['push', name], env);
    assert.equal(push.exitCode, 0, push.stderr);
    assert.equal((await wasmctl(root, ['logout', registry.host], env)).exitCode, 0);
    await assert.rejects(readFile(saved));
  });
});

describe('behind a counting forwarder', () => {
  let registry: Registry;
  let proxy: CountingProxy;
  let root: string;
  const blobWrites = () => proxy.requests.filter((r) => r.path.includes('/blobs/uploads') && r.method !== 'HEAD');
  before(async () => {
    registry = await startRegistry();
    proxy = await startProxy(registry.host);
    root = join(work, `store-${n++}`);
  });
  after(async () => {
    await proxy.stop();
    await registry.stop();
  });

  test('a second push uploads no blob; another repository mounts instead of uploading', async () => {
    const name = `${proxy.host}/team/hello:v1`;
    await built(root, name);
    assert.equal((await wasmctl(root, ['push', name])).exitCode, 0);
    assert.equal(blobWrites().filter((r) => r.method === 'PUT').length, 2, 'config and layer uploaded once');
    await assertRunsAfterPull(name);

    proxy.requests.length = 0;
    const again = await wasmctl(root, ['push', name]);
    assert.equal(again.exitCode, 0, again.stderr);
    assert.deepEqual(blobWrites(), []);
    assert.deepEqual(proxy.requests.map((r) => r.method).sort(), ['HEAD', 'HEAD', 'PUT']);

    proxy.requests.length = 0;
    const other = `${proxy.host}/other/hello:v1`;
    assert.equal((await wasmctl(root, ['tag', name, other])).exitCode, 0);
    const mounted = await wasmctl(root, ['push', other]);
    assert.equal(mounted.exitCode, 0, mounted.stderr);
    const writes = blobWrites();
    assert.equal(writes.length, 2);
    for (const w of writes) {
      assert.equal(w.method, 'POST');
      assert.match(w.path, /\/v2\/other\/hello\/blobs\/uploads\/\?mount=sha256%3A[a-f0-9]{64}&from=team%2Fhello/);
      assert.equal(w.status, 201);
    }
    await assertRunsAfterPull(other);
  });

  test('a mount the registry declines (the source repository lacks the blob) becomes an upload', async () => {
    const ghost = `${proxy.host}/ghost/hello:v1`;
    await built(root, ghost);
    const real = `${proxy.host}/real/hello:v1`;
    assert.equal((await wasmctl(root, ['tag', ghost, real])).exitCode, 0);
    proxy.requests.length = 0;
    const push = await wasmctl(root, ['push', real]);
    assert.equal(push.exitCode, 0, push.stderr);
    const mounts = blobWrites().filter((r) => r.path.includes('mount='));
    assert.equal(mounts.length, 2);
    assert.ok(mounts.every((r) => r.status === 202 && r.path.includes('from=ghost%2Fhello')));
    assert.equal(blobWrites().filter((r) => r.method === 'PUT' && r.status === 201).length, 2);
    await assertRunsAfterPull(real);
  });

  test('413 from the front end is one line naming the limit; 5xx answers are retried', async () => {
    const name = `${proxy.host}/big/hello:v1`;
    await built(root, name);
    proxy.set({ maxBodyBytes: 1000 });
    const refused = await wasmctl(root, ['push', name]);
    assert.notEqual(refused.exitCode, 0);
    assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
    assert.match(refused.stderr, /^wasmctl: push to .*big\/hello: blob sha256:[a-f0-9]{64} is larger than the registry accepts \(413/);

    proxy.set({ failFirst: 3 });
    proxy.requests.length = 0;
    const retried = await wasmctl(root, ['push', name]);
    assert.equal(retried.exitCode, 0, retried.stderr);
    assert.equal(proxy.requests.filter((r) => r.status === 503).length, 3);
    await assertRunsAfterPull(name);
  });

  test('chunked upload (PATCH with Content-Range), build --push, the Wasm artifact', async () => {
    const name = `${proxy.host}/chunked/hello:v1`;
    await built(root, name);
    proxy.requests.length = 0;
    await pushImage(openStore(root), name, { chunkSize: 4096 });
    assert.ok(proxy.requests.filter((r) => r.method === 'PATCH').length >= 3, 'the layer (~12 kB gzipped) went in 4 KiB chunks');
    await assertRunsAfterPull(name);

    const direct = `${registry.host}/built/hello:v1`;
    const build = await wasmctl(root, ['build', '-t', direct, '--push', await context()]);
    assert.equal(build.exitCode, 0, build.stderr);
    const inspect = await skopeo(['inspect', '--tls-verify=false', `docker://${direct}`]);
    assert.equal(inspect.exitCode, 0, inspect.stderr);
    assert.equal((JSON.parse(inspect.stdout) as { Architecture: string; Os: string }).Os, 'wasi');

    const artifact = `${registry.host}/artifact/hello:v1`;
    const dir = await context();
    await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY hello.wasm /\nCMD ["hello.wasm"]\n');
    const wasm = await wasmctl(root, ['build', '--format', 'wasm', '-t', artifact, '--push', dir]);
    assert.equal(wasm.exitCode, 0, wasm.stderr);
    const raw = await skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${artifact}`]);
    const manifest = JSON.parse(raw.stdout) as { config: { mediaType: string }; layers: Array<{ mediaType: string }> };
    assert.equal(manifest.config.mediaType, 'application/vnd.wasm.config.v0+json');
    assert.deepEqual(
      manifest.layers.map((l) => l.mediaType),
      ['application/wasm'],
    );
    await assertRunsAfterPull(artifact);
  });
});

describe('a multi-platform image index', () => {
  let registry: Registry;
  let proxy: CountingProxy;
  before(async () => {
    registry = await startRegistry();
    proxy = await startProxy(registry.host);
  });
  after(async () => {
    await proxy.stop();
    await registry.stop();
  });

  test('build --platform a,b --push: skopeo reads the index back, pull --platform takes each; push oci:DIR skips present blobs', async () => {
    const root = join(work, `store-${n++}`);
    const name = `${proxy.host}/multi/hello:v1`;
    const ctx = await context();
    const platforms = ['wasip1/wasm', 'wasip2/wasm'];
    const build = await wasmctl(root, ['build', '--platform', platforms.join(','), '-t', name, '--push', ctx]);
    assert.equal(build.exitCode, 0, build.stderr);
    const indexDigest = /Digest: (sha256:[a-f0-9]{64})/.exec(build.stdout)?.[1];
    // Every platform's manifest by digest, then the index under the tag.
    const manifestPuts = proxy.requests.filter((r) => r.method === 'PUT' && r.path.includes('/manifests/'));
    assert.equal(manifestPuts.length, 3);
    assert.match(manifestPuts[2]?.path ?? '', /\/manifests\/v1$/);

    const raw = await skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${registry.host}/multi/hello:v1`]);
    assert.equal(raw.exitCode, 0, raw.stderr);
    const index = JSON.parse(raw.stdout) as {
      mediaType: string;
      manifests: Array<{ digest: string; platform: { os: string; architecture: string } }>;
    };
    assert.equal(index.mediaType, 'application/vnd.oci.image.index.v1+json');
    assert.equal(`sha256:${createHash('sha256').update(raw.stdout).digest('hex')}`, indexDigest);
    assert.deepEqual(
      index.manifests.map((m) => `${m.platform.os}/${m.platform.architecture}`),
      platforms,
    );
    for (const [i, platform] of platforms.entries()) {
      const fresh = join(work, `fresh-${n++}`);
      const pull = await wasmctl(fresh, ['pull', '--platform', platform, name]);
      assert.equal(pull.exitCode, 0, pull.stderr);
      assert.match(pull.stdout, new RegExp(`Digest: ${index.manifests[i]?.digest}`));
      const run = await wasmctl(fresh, ['run', name]);
      assert.match(run.stdout, /Hello from WebAssembly!/, run.stderr);
    }

    const refused = await wasmctl(root, ['build', '--platform', platforms.join(','), '-t', 'multi:v1', ctx]);
    assert.notEqual(refused.exitCode, 0);
    assert.match(refused.stderr, /^wasmctl: a build for 2 platforms is an image index, which the store cannot hold.*--push/);
    assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);

    const layout = join(work, `layout-${n++}`);
    const out = await wasmctl(root, ['build', '--platform', platforms.join(','), '--output', `type=oci-layout,dest=${layout}`, ctx]);
    assert.equal(out.exitCode, 0, out.stderr);
    proxy.requests.length = 0;
    const again = await wasmctl(root, ['push', `oci:${layout}`, `${proxy.host}/multi/hello:v2`]);
    assert.equal(again.exitCode, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`Digest: ${indexDigest}`));
    assert.deepEqual(
      proxy.requests.filter((r) => r.path.includes('/blobs/uploads')),
      [],
      'every blob was there already',
    );
    assert.equal(proxy.requests.filter((r) => r.method === 'HEAD').length, 3, 'one HEAD per distinct blob: two configs, one shared layer');

    const bare = await wasmctl(root, ['push', `oci:${layout}`]);
    assert.notEqual(bare.exitCode, 0);
    assert.match(bare.stderr, /^wasmctl: push oci:.* needs a destination/);
    const missing = await wasmctl(root, ['push', `oci:${join(work, 'no-such-layout')}`, `${proxy.host}/multi/hello:v3`]);
    assert.notEqual(missing.exitCode, 0);
    assert.equal(missing.stderr.trim().split('\n').length, 1, missing.stderr);
  });
});

describe('containerd reads what wasmctl pushed', () => {
  let registry: Registry;
  let ctrd: Containerd;
  before(async () => {
    registry = await startRegistry();
    ctrd = await startContainerd();
  });
  after(async () => {
    await ctrd.stop();
    await registry.stop();
  });

  test('ctr images pull, then ctr run --runtime io.containerd.wasmctl.v1', async () => {
    const root = join(work, `store-${n++}`);
    const name = `${registry.host}/ctr/hello:v1`;
    const build = await wasmctl(root, ['build', '-t', name, '--push', await context()]);
    assert.equal(build.exitCode, 0, build.stderr);
    const pull = await ctrd.ctr(['images', 'pull', '--plain-http', '--platform', 'wasi/wasm', name]);
    assert.equal(pull.exitCode, 0, pull.all);
    const run = await ctrd.ctr(['run', '--rm', '--platform', 'wasi/wasm', '--runtime', WASMCTL_RUNTIME, name, `pushed-${n++}`]);
    assert.equal(run.exitCode, 0, run.all);
    assert.match(run.stdout, /Hello from WebAssembly!/);
  });
});
