/**
 * What a crashed wasmctl leaves in `<store>/tmp` is swept by the next write (here a load), and
 * nothing a live process may still be writing is touched.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { execa } from 'execa';
import { openStore } from '../../image/index.js';
import { REPO } from '../support/repo.js';
import { wasmArtifact, writeArtifactLayout } from '../support/wasm-artifact.js';

let work: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-store-tmp-'));
});
after(() => rm(work, { recursive: true, force: true }));

/** A pid that was just in use and is now gone, as a crashed wasmctl's would be. */
async function deadPid(): Promise<number> {
  const child = execa('true');
  await child;
  return child.pid as number;
}

/** A folder (with a file, like a half-written blob) in tmp/, its mtime `ageMs` in the past. */
async function leftover(tmp: string, name: string, ageMs: number): Promise<void> {
  await mkdir(join(tmp, name, 'blobs'), { recursive: true });
  await writeFile(join(tmp, name, 'blobs', 'partial'), 'half a layer');
  const when = new Date(Date.now() - ageMs);
  await utimes(join(tmp, name), when, when);
}

test('a write sweeps temp folders of dead processes and old ones, and keeps live ones', async () => {
  const root = join(work, 'store');
  const tmp = join(root, 'tmp');
  const dead = await deadPid();
  const hours = 60 * 60 * 1000;
  await leftover(tmp, `op-${dead}-crashed`, 0);
  await leftover(tmp, `rm-${dead}-0123abcd`, 0);
  await leftover(tmp, `op-${process.pid}-live`, 0);
  await leftover(tmp, `op-${process.pid}-reused-pid`, 48 * hours);
  await leftover(tmp, 'op-old-version', 1 * hours);
  await leftover(tmp, 'op-old-version-busy', 60 * 1000);

  const layout = join(work, 'hello');
  await writeArtifactLayout(layout, wasmArtifact(await readFile(join(REPO, 'samples/hello/hello.wasm'))), 'v1');
  const [image] = await openStore(root).load({ path: layout });
  assert.equal(image?.reference, 'docker.io/library/hello:v1');

  assert.deepEqual((await readdir(tmp)).sort(), [`op-${process.pid}-live`, 'op-old-version-busy']);
});

test('rmi sweeps too, and leaves its own temp files nowhere', async () => {
  const root = join(work, 'store');
  const tmp = join(root, 'tmp');
  const dead = await deadPid();
  await rm(tmp, { recursive: true, force: true });
  await leftover(tmp, `index-${dead}-images.json`, 0);
  const removed = await openStore(root).remove('hello:v1');
  assert.deepEqual(removed.untagged, ['docker.io/library/hello:v1']);
  assert.deepEqual(await readdir(tmp), []);
  assert.deepEqual(await readdir(join(root, 'rootfs')), []);
});
