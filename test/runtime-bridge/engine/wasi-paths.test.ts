/**
 * The WASI engine's two walks answer alike: the native one (one openat2 with RESOLVE_BENEATH, the
 * addon in runtime-bridge/engine/wasi/native) and the JavaScript one (WASMCTL_WASI_NATIVE=0: one
 * O_NOFOLLOW open per folder through /proc/self/fd). The same probes — links inside a mount, links
 * that climb out, absolute links, a link onto a mount point, /proc's magic links, trailing slashes
 * — run through `wasmctl run` under each, and each must see exactly what the sandbox allows.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { execa } from 'execa';
import { usesNative } from '../../../runtime-bridge/engine/wasi/host-fs.cjs';
import { buildModules, modulePath } from '../../modules/harness.js';
import { REPO } from '../../support/repo.js';

let work: string;
const ADDON = join(REPO, 'runtime-bridge/engine/wasi/native/build/Release/wasi_at.node');

before(async () => {
  await buildModules();
  work = await mkdtemp(join(tmpdir(), 'wasmctl-wasi-paths-'));
  const put = (rel: string, text: string): void => {
    fs.mkdirSync(join(work, rel, '..'), { recursive: true });
    fs.writeFileSync(join(work, rel), text);
  };
  put('root/a/b/f.txt', 'in-a-b');
  put('root/file.txt', 'plain');
  // The host's own folder under the mount point: the guest must see the mount, never this.
  put('root/data/shadow.txt', 'HOST-SHADOW');
  fs.symlinkSync('../a', join(work, 'root/a/up'));
  fs.symlinkSync('/a/b', join(work, 'root/a/abs'));
  fs.symlinkSync('../data', join(work, 'root/a/todata'));
  fs.symlinkSync('../../../../../../etc', join(work, 'root/a/out'));
  fs.symlinkSync('loop2', join(work, 'root/loop1'));
  fs.symlinkSync('loop1', join(work, 'root/loop2'));
  put('data/m.txt', 'mounted');
  put('data/sub/g.txt', 'in-sub');
  fs.symlinkSync('../../a', join(work, 'data/sub/esc'));
  fs.symlinkSync('/a/b', join(work, 'data/sub/abs'));
  fs.symlinkSync('g.txt', join(work, 'data/sub/link'));
});
after(() => rm(work, { recursive: true, force: true }));

const PROBES: Array<[string, string]> = [
  // Beneath the /data preopen: no mount below it, so links are the kernel's to follow, beneath.
  ['open:/data/sub/g.txt', 'ok in-sub'],
  ['stat:/data/sub/g.txt', 'ok'],
  ['open:/data/sub/link', 'ok in-sub'],
  ['lstat:/data/sub/link', 'ok'],
  ['open:/data/sub/esc/b/f.txt', 'Capabilities insufficient'],
  ['stat:/data/sub/esc', 'Capabilities insufficient'],
  ['open:/data/sub/abs/f.txt', 'Capabilities insufficient'],
  ['open:/data/m.txt/', 'Not a directory'],
  ['open:/data/m.txt/x', 'Not a directory'],
  ['stat:/data/nope/x', 'No such file or directory'],
  ['open:/data/shadow.txt', 'No such file or directory'],
  ['creat:/data/sub/new.txt', 'ok'],
  ['creat:/data/sub/g.txt', 'File exists'],
  // Beneath the guest's `/`, which has a mount below it: any link goes to the component walk.
  ['open:/a/b/f.txt', 'ok in-a-b'],
  ['open:/a/up/b/f.txt', 'ok in-a-b'],
  ['open:/a/abs/f.txt', 'ok in-a-b'],
  ['open:/a/todata/m.txt', 'ok mounted'],
  ['open:/a/todata/shadow.txt', 'No such file or directory'],
  ['stat:/a/out', 'No such file or directory'],
  ['lstat:/a/out', 'ok'],
  ['open:/loop1', 'Symbolic link loop'],
  ['opendir:/a/b/', 'ok'],
  ['opendir:/file.txt', 'Not a directory'],
  // /proc's links lead anywhere: RESOLVE_NO_MAGICLINKS hands them to the walk, which refuses them.
  ['open:/p/self/root/etc/hostname', 'Capabilities insufficient'],
  ['stat:/p/self/cwd', 'Capabilities insufficient'],
];

async function probe(native: boolean, name: string): Promise<string[]> {
  const root = join(work, `root-${name}`);
  const data = join(work, `data-${name}`);
  fs.cpSync(join(work, 'root'), root, { recursive: true, verbatimSymlinks: true });
  fs.cpSync(join(work, 'data'), data, { recursive: true, verbatimSymlinks: true });
  const args = ['run', '-v', `${root}:/`, '-v', `${data}:/data`, '-v', '/proc:/p:ro', modulePath('wasi-paths'), ...PROBES.map(([p]) => p)];
  const env = native ? {} : { WASMCTL_WASI_NATIVE: '0' };
  const r = await execa(join(REPO, 'bin/wasmctl'), args, { reject: false, stdin: 'ignore', env });
  assert.equal(r.exitCode, 0, r.stderr);
  return r.stdout.split('\n');
}

const expected = PROBES.map(([p, answer]) => `${p}: ${answer}`);

test('the JavaScript walk (WASMCTL_WASI_NATIVE=0) confines every probe', async () => {
  assert.deepEqual(await probe(false, 'js'), expected);
});

test('the native walk (openat2 RESOLVE_BENEATH) answers every probe as the JavaScript one', async () => {
  assert.deepEqual(await probe(true, 'native'), expected);
});

test(
  'the addon, once built by npm install, is what the engine uses',
  { skip: !fs.existsSync(ADDON) && 'the addon was not built here' },
  () => {
    assert.equal(usesNative(), process.env.WASMCTL_WASI_NATIVE !== '0');
  },
);
