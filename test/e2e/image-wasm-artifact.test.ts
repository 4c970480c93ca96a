/**
 * The Wasm OCI artifact (`application/vnd.wasm.config.v0+json` config, one `application/wasm`
 * layer, as `oras push` writes it) pulled from a docker-registry and loaded from an OCI layout
 * folder, then run: `node bin/wasmctl.js …` after `npm run build`.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { execa } from 'execa';
import { REPO } from '../support/repo.js';
import { type Registry, startRegistry } from '../support/registry.js';
import { type WasmArtifact, pushArtifact, wasmArtifact, writeArtifactLayout } from '../support/wasm-artifact.js';

let work: string;
let registry: Registry;
let artifact: WasmArtifact;

function wasmctl(args: string[]) {
  return execa('node', [join(REPO, 'bin/wasmctl.js'), '--root', join(work, 'store'), ...args], { reject: false, stdin: 'ignore' });
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-artifact-'));
  registry = await startRegistry();
  artifact = wasmArtifact(await readFile(join(REPO, 'samples/hello/hello.wasm')));
});
after(async () => {
  await registry.stop();
  await rm(work, { recursive: true, force: true });
});

test('pull an artifact from the registry and run it', async () => {
  const ref = `${registry.host}/hello-artifact:v1`;
  const digest = await pushArtifact(registry.host, 'hello-artifact', 'v1', artifact);
  const pull = await wasmctl(['pull', '--quiet', ref]);
  assert.equal(pull.exitCode, 0, pull.stderr);

  const inspect = JSON.parse((await wasmctl(['inspect', ref])).stdout) as {
    digest: string;
    platform: { os: string; architecture: string };
    config: { entrypoint: string[] };
    layers: Array<{ mediaType: string }>;
  };
  assert.equal(inspect.digest, digest);
  assert.deepEqual(inspect.platform, { os: 'wasip1', architecture: 'wasm' });
  assert.deepEqual(inspect.config.entrypoint, ['/hello.wasm']);
  assert.deepEqual(
    inspect.layers.map((l) => l.mediaType),
    ['application/wasm'],
  );

  const run = await wasmctl(['run', ref, 'one']);
  assert.equal(run.exitCode, 0, run.stderr);
  assert.equal(run.stdout, 'Hello from WebAssembly!\narg[1]=one');
});

test('load an artifact from an OCI layout folder whose only name is a tag, and run it by that name', async () => {
  const layout = join(work, 'hello-artifact-layout');
  await writeArtifactLayout(layout, artifact, 'v1');
  const load = await wasmctl(['load', '-i', layout]);
  assert.equal(load.exitCode, 0, load.stderr);
  assert.equal(load.stdout, 'Loaded image: hello-artifact-layout:v1');

  const run = await wasmctl(['run', 'hello-artifact-layout:v1']);
  assert.equal(run.exitCode, 0, run.stderr);
  assert.equal(run.stdout, 'Hello from WebAssembly!');
});
