/**
 * Multi-platform images: buildah builds the same FROM-scratch image for wasi/wasm and linux/amd64
 * and pushes them as one list (`buildah manifest push --all`). buildah cannot make attestation
 * entries, so an OCI index with BuildKit's kind (`unknown/unknown`, `vnd.docker.reference.type:
 * attestation-manifest`, an in-toto layer) is crafted and pushed with the registry API.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openStore } from '../../image/index.js';
import { type Builder, startBuilder } from '../support/buildah.js';
import { REPO } from '../support/repo.js';
import { type Registry, pushBlob, pushManifest, startRegistry } from '../support/registry.js';

const DOCKERFILE = 'FROM scratch\nCOPY hello.wasm hello.wasm\nCMD ["hello.wasm"]\n';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

interface Entry {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os: string; architecture: string };
  annotations?: Record<string, string>;
}

let work: string;
let builder: Builder;
let registry: Registry;
/** The entries of buildah's list, by `os/architecture`. */
let byPlatform: Map<string, Entry>;
let n = 0;
const store = () => openStore(join(work, `store-${n++}`));
const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** A BuildKit-style attestation manifest for `subject`, pushed to `repository`; its index entry. */
async function pushAttestation(repository: string, subject: Entry): Promise<Entry> {
  const statement = Buffer.from(
    JSON.stringify({ _type: 'https://in-toto.io/Statement/v0.1', predicateType: 'https://spdx.dev/Document', subject: [] }),
  );
  const config = Buffer.from(
    JSON.stringify({ architecture: 'unknown', os: 'unknown', config: {}, rootfs: { type: 'layers', diff_ids: [sha256(statement)] } }),
  );
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: await pushBlob(registry.host, repository, config),
      size: config.length,
    },
    layers: [
      { mediaType: 'application/vnd.in-toto+json', digest: await pushBlob(registry.host, repository, statement), size: statement.length },
    ],
  };
  const digest = await pushManifest(registry.host, repository, 'attestation', manifest);
  return {
    mediaType: OCI_MANIFEST,
    digest,
    size: Buffer.byteLength(JSON.stringify(manifest)),
    platform: { os: 'unknown', architecture: 'unknown' },
    annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': subject.digest },
  };
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-platforms-'));
  registry = await startRegistry();
  builder = await startBuilder();
  const files = { 'hello.wasm': await readFile(join(REPO, 'samples/hello/hello.wasm')) };
  await builder.build('localhost/hello:wasm', DOCKERFILE, files, ['--platform', 'wasi/wasm']);
  await builder.build('localhost/hello:amd64', DOCKERFILE, files, ['--platform', 'linux/amd64']);
  await builder.pushList(
    'localhost/hello:list',
    ['localhost/hello:amd64', 'localhost/hello:wasm'],
    `docker://${registry.host}/hello:multi`,
  );
  const list = (await (
    await fetch(`http://${registry.host}/v2/hello/manifests/multi`, {
      headers: { accept: 'application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.index.v1+json' },
    })
  ).json()) as { manifests: Entry[] };
  byPlatform = new Map(list.manifests.map((m) => [`${m.platform?.os}/${m.platform?.architecture}`, m]));
  assert.deepEqual([...byPlatform.keys()], ['linux/amd64', 'wasi/wasm']);
});
after(async () => {
  await builder.stop();
  await registry.stop();
  await rm(work, { recursive: true, force: true });
});

test("buildah's list: wasi/wasm by default, though linux/amd64 comes first", async () => {
  const image = await store().pull(`${registry.host}/hello:multi`);
  assert.deepEqual(image.platform, { os: 'wasi', architecture: 'wasm' });
  assert.equal(image.digest, byPlatform.get('wasi/wasm')?.digest);
  assert.deepEqual(image.config.cmd, ['hello.wasm']);
});

test("buildah's list: --platform linux/amd64 is honoured", async () => {
  const image = await store().pull(`${registry.host}/hello:multi`, { platform: 'linux/amd64' });
  assert.deepEqual(image.platform, { os: 'linux', architecture: 'amd64' });
  assert.equal(image.digest, byPlatform.get('linux/amd64')?.digest);
});

test('an attestation entry is never chosen, even when it comes first', async () => {
  const amd64 = byPlatform.get('linux/amd64') as Entry;
  const wasm = byPlatform.get('wasi/wasm') as Entry;
  const attestation = await pushAttestation('hello', amd64);
  const index = (manifests: Entry[]) => ({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests });
  await pushManifest(registry.host, 'hello', 'attested', index([attestation, amd64, wasm]));
  await pushManifest(registry.host, 'hello', 'attested-amd64', index([attestation, amd64]));

  assert.deepEqual((await store().pull(`${registry.host}/hello:attested`)).platform, { os: 'wasi', architecture: 'wasm' });
  // With the attestation set aside, the one image left is taken whatever this host is.
  assert.equal((await store().pull(`${registry.host}/hello:attested-amd64`)).digest, amd64.digest);
  await assert.rejects(
    store().pull(`${registry.host}/hello:attested`, { platform: 'unknown/unknown' }),
    (err: Error & { hint?: string }) => {
      assert.equal(err.message, `${registry.host}/hello:attested has no image for unknown/unknown`);
      assert.equal(err.hint, 'it offers: linux/amd64, wasi/wasm; choose one with --platform');
      return true;
    },
  );
});
