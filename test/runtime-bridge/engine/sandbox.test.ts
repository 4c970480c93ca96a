// The sandbox: the module sees the image (read-only) and the -v mounts, and nothing else of the host.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { buildModules, capture, modulePath, request, sandbox, type Sandbox } from '../../modules/harness.js';

let image: Sandbox;
let data: Sandbox;
let out: Sandbox;

before(async () => {
  await buildModules();
  [image, data, out] = await Promise.all([sandbox(), sandbox(), sandbox()]);
  image.write({
    'cat.wasm': fs.readFileSync(modulePath('cat')),
    'write.wasm': fs.readFileSync(modulePath('write')),
    'ls.wasm': fs.readFileSync(modulePath('ls')),
    'etc/passwd': 'image-user:x:1000:1000::/:/none\n',
    'link-abs': { symlink: '/etc/passwd' },
    'link-up': { symlink: '../../../../../../../../etc/passwd' },
    'link-host-dir': { symlink: path.dirname(data.dir) },
    'loop-a': { symlink: 'loop-b' },
    'loop-b': { symlink: 'loop-a' },
  });
  data.write({ 'in.txt': 'from the data mount\n' });
});
after(() => Promise.all([image, data, out].map((s) => s.cleanup())));

const run = (argv: string[], over: Partial<Parameters<typeof request>[0]> = {}) => capture(request({ rootfs: image.dir, argv, ...over }));

test('/etc/passwd is the image file, never the host one', async () => {
  const r = await run(['cat.wasm', '/etc/passwd']);
  assert.deepEqual(r.outcome, { kind: 'exited', exitCode: 0 });
  assert.equal(r.stdout, 'image-user:x:1000:1000::/:/none\n');
});

test('../ cannot climb out of the rootfs', async () => {
  const r = await run(['/cat.wasm', '../../etc/passwd', '/../../../etc/passwd'], { cwd: '/etc' });
  assert.equal(r.stdout, 'image-user:x:1000:1000::/:/none\n'.repeat(2));
});

test('symlinks resolve inside the rootfs, absolute or climbing', async () => {
  const r = await run(['cat.wasm', '/link-abs', '/link-up']);
  assert.equal(r.stdout, 'image-user:x:1000:1000::/:/none\n'.repeat(2));
});

test('a symlink to a host folder shows nothing of the host', async () => {
  const r = await run(['cat.wasm', `/link-host-dir/${path.basename(data.dir)}/in.txt`]);
  assert.deepEqual(r.outcome, { kind: 'exited', exitCode: 1 });
  assert.match(r.stdout, /No such file or directory/);
});

test('/proc/self/environ and other host paths do not exist', async () => {
  process.env.WASMCTL_SANDBOX_SECRET = 'must-not-leak';
  try {
    const r = await run(['cat.wasm', '/proc/self/environ', '/etc/hostname', data.dir + '/in.txt']);
    assert.deepEqual(r.outcome, { kind: 'exited', exitCode: 1 });
    assert.equal(r.stdout.split('\n').filter((l) => l.endsWith('No such file or directory')).length, 3);
    assert.doesNotMatch(r.stdout, /must-not-leak/);
  } finally {
    delete process.env.WASMCTL_SANDBOX_SECRET;
  }
});

test('a symlink loop is an error, not a hang', async () => {
  const r = await run(['cat.wasm', '/loop-a']);
  assert.deepEqual(r.outcome, { kind: 'exited', exitCode: 1 });
  assert.match(r.stdout, /^cat: \/loop-a: /);
});

test('the root folder lists the image files plus mount points', async () => {
  const r = await run(['ls.wasm', '/'], { mounts: [{ hostPath: data.dir, guestPath: '/mnt/data', readOnly: true }] });
  const names = r.stdout.trim().split('\n').sort();
  assert.deepEqual(names, [
    '.',
    '..',
    'cat.wasm',
    'etc',
    'link-abs',
    'link-host-dir',
    'link-up',
    'loop-a',
    'loop-b',
    'ls.wasm',
    'mnt',
    'write.wasm',
  ]);
});

test('the image is read-only', async () => {
  const r = await run(['write.wasm', '/etc/new.txt', 'x']);
  assert.deepEqual(r.outcome, { kind: 'exited', exitCode: 1 });
  assert.equal(r.stdout, 'write: /etc/new.txt: Read-only file system\n');
  assert.equal(fs.existsSync(path.join(image.dir, 'etc/new.txt')), false);
});

test('a read-only mount is readable, not writable', async () => {
  const mounts = [{ hostPath: data.dir, guestPath: '/data', readOnly: true }];
  const read = await run(['cat.wasm', '/data/in.txt'], { mounts });
  assert.equal(read.stdout, 'from the data mount\n');
  const write = await run(['write.wasm', '/data/new.txt', 'x'], { mounts });
  assert.equal(write.stdout, 'write: /data/new.txt: Read-only file system\n');
  assert.equal(fs.existsSync(path.join(data.dir, 'new.txt')), false);
});

test('a read-write mount takes writes, and `..` above it is refused (WASI: paths stay under their dirfd)', async () => {
  const mounts = [{ hostPath: out.dir, guestPath: '/out', readOnly: false }];
  const r = await run(['write.wasm', '/out/result.txt', 'written by wasm'], { mounts });
  assert.deepEqual(r.outcome, { kind: 'exited', exitCode: 0 });
  assert.equal(fs.readFileSync(path.join(out.dir, 'result.txt'), 'utf8'), 'written by wasm');
  const up = await run(['write.wasm', '/out/../escaped.txt', 'x'], { mounts });
  assert.equal(up.stdout, 'write: /out/../escaped.txt: Capabilities insufficient\n');
  assert.equal(fs.existsSync(path.join(path.dirname(out.dir), 'escaped.txt')), false);
});

test('a missing mount source is refused before anything runs', async () => {
  await assert.rejects(
    run(['cat.wasm'], { mounts: [{ hostPath: path.join(out.dir, 'nope'), guestPath: '/x', readOnly: true }] }),
    /mount source .*nope is not a folder/,
  );
});
