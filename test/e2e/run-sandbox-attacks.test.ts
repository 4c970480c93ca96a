/**
 * The sandbox under attack, as a user runs it (`wasmctl run -v …`): a hostile module tries each
 * way out that once worked — fd_renumber onto itself, a folder's fd as a way up, removing or moving
 * a mount root, a link swapped over an open folder, opening files without end.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { execa } from 'execa';
import { buildModules, modulePath } from '../modules/harness.js';
import { REPO } from '../support/repo.js';

let work: string;
let module: string;

before(async () => {
  await buildModules();
  work = await mkdtemp(join(tmpdir(), 'wasmctl-attacks-'));
  module = join(work, 'hostile-fs.wasm');
  fs.copyFileSync(modulePath('hostile-fs'), module);
});
after(() => rm(work, { recursive: true, force: true }));

/** A fresh host folder under the test's temp dir, filled with `files`. */
function folder(name: string, files: Record<string, string> = {}): string {
  const dir = join(work, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const [rel, text] of Object.entries(files)) fs.writeFileSync(join(dir, rel), text);
  return dir;
}

async function wasmctl(args: string[]) {
  const r = await execa(join(REPO, 'bin/wasmctl'), ['--root', join(work, 'store'), ...args], { reject: false, stdin: 'ignore' });
  assert.equal(r.exitCode, 0, r.stderr);
  return r.stdout.split('\n');
}

test('fd_renumber(fd, fd) keeps the fd on its file; onto a closed number it is EBADF', async () => {
  const m = folder('renumber', { 'a.txt': 'AAAA', 'b.txt': 'BBBB' });
  const out = await wasmctl(['run', '-v', `${m}:/m`, module, 'renumber', '/m/a.txt', '/m/b.txt']);
  assert.deepEqual(out, ['renumber-self: 0', 'read: AAAA', 'renumber-to-closed: 8']);
});

test("a folder's fd confines what is opened through it (NOTCAPABLE), as wasmtime does", async () => {
  const m = folder('confine', { 'secret.txt': 'no' });
  folder('confine/sub', { 'ok.txt': 'yes' });
  const other = folder('confine-other', { 'file.txt': 'other mount' });
  const out = await wasmctl(['run', '-v', `${m}:/m`, '-v', `${other}:/other`, module, 'dirfd', '/m/sub']);
  assert.deepEqual(out, [
    'open-sub: ok',
    'dotdot: Capabilities insufficient',
    // An absolute path ignores the dirfd (POSIX) and resolves in the guest's namespace: no host /etc there.
    'absolute: No such file or directory',
    'dotdot-other-mount: Capabilities insufficient',
    'inside: ok',
  ]);
});

test('mount roots are busy: neither removed nor moved on the host', async () => {
  const empty = folder('busy-empty');
  const m1 = folder('busy-m1', { 'keep.txt': 'stays' });
  const m2 = folder('busy-m2');
  const out = await wasmctl([
    'run',
    '-v',
    `${empty}:/empty`,
    '-v',
    `${m1}:/m1`,
    '-v',
    `${m2}:/m2`,
    module,
    'busy',
    '/empty',
    '/m1',
    '/m2/stolen',
  ]);
  assert.deepEqual(out, ['rmdir: Resource busy', 'rename: Resource busy']);
  assert.ok(fs.statSync(empty).isDirectory());
  assert.equal(fs.readFileSync(join(m1, 'keep.txt'), 'utf8'), 'stays');
  assert.equal(fs.existsSync(join(m2, 'stolen')), false);
});

test('a link swapped over an open folder never leads the fd to the host path it names', async () => {
  const m = folder('swap');
  fs.symlinkSync('/etc', join(m, 'l'));
  const out = await wasmctl(['run', '-v', `${m}:/m`, module, 'swap', '/m']);
  assert.deepEqual(out, [
    'move-away: ok',
    'link-in: ok',
    'entry: inner.txt',
    'same-folder: yes',
    'open-through-link: Capabilities insufficient',
  ]);
  assert.equal(fs.readlinkSync(join(m, 'd')), '/etc');
});

test('a module that opens files without end stops at its nofile limit (EMFILE), --ulimit nofile=N as docker', async () => {
  const m = folder('nofile', { 'f.txt': 'x' });
  const run = (...flags: string[]) => wasmctl(['run', ...flags, '-v', `${m}:/m:ro`, module, 'nofile', '/m/f.txt']);
  // stdio (3) and the two preopens (`/`, listing the mount point, and /m) count, as for a process.
  assert.deepEqual(await run('--ulimit', 'nofile=64'), ['opened: 59 (No file descriptors available)']);
  assert.deepEqual(await run(), ['opened: 1019 (No file descriptors available)']);
  const bad = await execa(join(REPO, 'bin/wasmctl'), ['run', '--ulimit', 'nproc=5', module, 'nofile', '/x'], { reject: false });
  assert.equal(bad.exitCode, 125);
  assert.match(bad.stderr, /--ulimit nproc=5: only nofile=N/);
});
