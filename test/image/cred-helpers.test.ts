/**
 * Credentials from docker credential helpers (`credHelpers[host]`, `credsStore`) against the real
 * docker-registry in htpasswd mode. The helpers are small sh scripts the test writes onto a PATH
 * of its own, speaking the helper protocol: `get`, the server URL on stdin, JSON on stdout.
 */
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openStore } from '../../image/index.js';
import { type Builder, startBuilder } from '../support/buildah.js';
import { REPO } from '../support/repo.js';
import { type Registry, startRegistry } from '../support/registry.js';

const user = { username: 'alice', password: 's3cret-pw' };

let work: string;
let bin: string;
let builder: Builder;
let registry: Registry;
let reference: string;
let n = 0;
const saved = { PATH: process.env.PATH, DOCKER_CONFIG: process.env.DOCKER_CONFIG };

/** `docker-credential-<name>`: logs the server URL it was asked about, then runs `body`. */
async function helper(name: string, body: string): Promise<void> {
  const path = join(bin, `docker-credential-${name}`);
  await writeFile(path, `#!/bin/sh\n[ "$1" = get ] || exit 2\nread -r url\necho "$url" >> "${join(work, `${name}.log`)}"\n${body}\n`);
  await chmod(path, 0o755);
}

/** A DOCKER_CONFIG folder holding `config` as config.json. */
async function useConfig(config: object): Promise<void> {
  const dir = join(work, `docker-config-${n++}`);
  await mkdir(dir);
  await writeFile(join(dir, 'config.json'), JSON.stringify(config));
  process.env.DOCKER_CONFIG = dir;
}

async function assertNothingStored(root: string) {
  assert.deepEqual(await openStore(root).list(), []);
  for (const sub of ['blobs/sha256', 'rootfs', 'tmp']) assert.deepEqual(await readdir(join(root, sub)).catch(() => []), []);
}

const store = () => openStore(join(work, `store-${n++}`));

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-cred-helpers-'));
  bin = join(work, 'bin');
  await mkdir(bin);
  process.env.PATH = `${bin}:${saved.PATH ?? ''}`;
  registry = await startRegistry({ auth: { mode: 'htpasswd', user } });
  builder = await startBuilder();
  const hello = await readFile(join(REPO, 'samples/hello/hello.wasm'));
  await builder.build('localhost/hello:v1', 'FROM scratch\nCOPY hello.wasm hello.wasm\nCMD ["hello.wasm"]\n', { 'hello.wasm': hello });
  await builder.push('localhost/hello:v1', `docker://${registry.host}/team/hello:v1`, ['--creds', `${user.username}:${user.password}`]);
  reference = `${registry.host}/team/hello:v1`;
  const answer = `printf '{"ServerURL":"%s","Username":"${user.username}","Secret":"${user.password}"}' "$url"`;
  await helper('good', answer);
  await helper('store', answer);
  await helper('broken', 'echo "keychain is locked" >&2\nexit 1');
  await helper('empty', 'echo "credentials not found in native keychain"\nexit 1');
});
after(async () => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await builder.stop();
  await registry.stop();
  await rm(work, { recursive: true, force: true });
});

test('credHelpers[host] is asked with the host on stdin, and wins over auths', async () => {
  await useConfig({
    credHelpers: { [registry.host]: 'good' },
    auths: { [registry.host]: { auth: Buffer.from('alice:wrong').toString('base64') } },
  });
  const image = await store().pull(reference);
  assert.equal(image.reference, reference);
  assert.equal(await readFile(join(work, 'good.log'), 'utf8'), `${registry.host}\n`);
});

test('credsStore is asked when the host has no entry of its own', async () => {
  await useConfig({ credsStore: 'store', auths: {} });
  assert.equal((await store().pull(reference)).reference, reference);
  assert.equal(await readFile(join(work, 'store.log'), 'utf8'), `${registry.host}\n`);
});

test('a helper that fails is named with what it said, and nothing is stored', async () => {
  await useConfig({ credHelpers: { [registry.host]: 'broken' } });
  const target = store();
  await assert.rejects(target.pull(reference), (err: Error) => {
    assert.equal(err.message, `credential helper docker-credential-broken failed for ${registry.host}: keychain is locked`);
    return true;
  });
  await assertNothingStored(target.root);
});

test('a helper that is not installed is named', async () => {
  await useConfig({ credsStore: 'missing' });
  const target = store();
  await assert.rejects(target.pull(reference), (err: Error & { hint?: string }) => {
    assert.equal(
      err.message,
      `credential helper docker-credential-missing (named for ${registry.host} in the docker config) is not on PATH`,
    );
    assert.match(err.hint ?? '', /install docker-credential-missing/);
    return true;
  });
  await assertNothingStored(target.root);
});

test('"credentials not found" from a helper means no credentials', async () => {
  await useConfig({ credHelpers: { [registry.host]: 'empty' } });
  await assert.rejects(store().pull(reference), /the registry 127\.0\.0\.1:\d+ requires credentials/);
});
