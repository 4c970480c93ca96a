/**
 * `wasmctl run` as a user runs it, over images built by buildah from the C test modules: entry
 * resolution, args and env, the sandbox, exit codes and the limits.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { execa } from 'execa';
import { type Builder, startBuilder } from '../support/buildah.js';
import { REPO } from '../support/repo.js';
import { type CliOptions, wasmctlIn } from '../support/wasmctl.js';
import { buildModules, modulePath } from '../modules/harness.js';

let builder: Builder;
let work: string;
const store = () => join(work, 'store');

// The `wasmctl` bin, as npm installs it: from its startup snapshot (image-cli.test.ts runs the
// plain bundle through bin/wasmctl.js).
const wasmctl = (args: string[], options: CliOptions = {}) => wasmctlIn(store(), args, options);

/** Builds `tag` from a Dockerfile and files, and loads it into the test's store. */
async function image(tag: string, dockerfile: string, files: Record<string, Buffer | string>): Promise<void> {
  await builder.build(tag, dockerfile, files);
  const archive = join(work, `${tag.replace(/[/:]/g, '_')}.tar`);
  await builder.push(tag, `docker-archive:${archive}:${tag}`);
  const loaded = await wasmctl(['load', '-i', archive]);
  assert.equal(loaded.exitCode, 0, loaded.stderr);
}

const wasm = (name: string) => readFile(modulePath(name));

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-run-'));
  builder = await startBuilder();
  await buildModules();
  // A tar that buildah's ADD unpacks as is: a symlink in the image pointing at a host path.
  const links = join(work, 'links');
  await mkdir(join(links, 'etc'), { recursive: true });
  await execa('ln', ['-s', '/etc/passwd', join(links, 'etc/host-passwd')]);
  await execa('tar', ['-C', links, '-cf', join(work, 'links.tar'), 'etc']);
  const tools = Object.fromEntries(
    await Promise.all(['hello', 'exit3', 'trap', 'loop', 'memhog', 'echo', 'cat'].map(async (n) => [`bin/${n}.wasm`, await wasm(n)])),
  );
  await image(
    'localhost/tools:v1',
    'FROM scratch\nCOPY bin/ /bin/\nCOPY greeting.txt /etc/greeting.txt\nADD links.tar /\nWORKDIR /app\nENV GREETING=image\n' +
      'ENTRYPOINT ["/bin/hello.wasm"]\nCMD ["default-arg"]\n',
    { ...tools, 'greeting.txt': 'hi from the image\n', 'links.tar': await readFile(join(work, 'links.tar')) },
  );
  await image('localhost/relative:v1', 'FROM scratch\nWORKDIR /app\nCOPY hello.wasm hello.wasm\nCMD ["hello.wasm"]\n', {
    'hello.wasm': await wasm('hello'),
  });
  await image('localhost/nocmd:v1', 'FROM scratch\nCOPY hello.wasm hello.wasm\n', { 'hello.wasm': await wasm('hello') });
  await image('localhost/notwasm:v1', 'FROM scratch\nCOPY run.sh run.sh\nCMD ["run.sh"]\n', { 'run.sh': '#!/bin/sh\necho native\n' });
  await image('localhost/invalid:v1', 'FROM scratch\nCOPY bad.wasm bad.wasm\nCMD ["bad.wasm"]\n', {
    'bad.wasm': Buffer.concat([Buffer.from('\0asm\x01\0\0\0'), Buffer.from('garbage section bytes')]),
  });
});

after(async () => {
  await builder?.stop();
  await rm(work, { recursive: true, force: true });
});

describe('entry, arguments and environment', () => {
  test('Entrypoint + Cmd, the image Env, WorkingDir and the image files', async () => {
    const r = await wasmctl(['run', 'localhost/tools:v1']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /^hello from wasm\narg\[0\]=\/bin\/hello\.wasm\narg\[1\]=default-arg\n/);
    assert.match(r.stdout, /^env GREETING=image$/m);
    assert.match(r.stdout, /^file hi from the image$/m);
  });

  test('run arguments replace Cmd; -e and --env-file add to the image Env; no host variable leaks', async () => {
    const envFile = join(work, 'run.env');
    await writeFile(envFile, '# comment\nFROM_FILE=yes\n');
    const r = await wasmctl(['run', '-e', 'GREETING=cli', '-e', 'PASSED', '--env-file', envFile, 'localhost/tools:v1', 'x', 'y'], {
      env: { PASSED: 'through', SECRET_HOST_VAR: 'leak' },
    });
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /arg\[1\]=x\narg\[2\]=y\n/);
    assert.doesNotMatch(r.stdout, /default-arg/);
    assert.match(r.stdout, /^env GREETING=cli$/m);
    assert.match(r.stdout, /^env PASSED=through$/m);
    assert.match(r.stdout, /^env FROM_FILE=yes$/m);
    assert.doesNotMatch(r.stdout, /SECRET_HOST_VAR/);
    const missing = await wasmctl(['run', '--env-file', join(work, 'no.env'), 'localhost/tools:v1']);
    assert.equal(missing.exitCode, 125);
    assert.match(missing.stderr, /^wasmctl: --env-file .*no\.env does not exist/);
  });

  test('a relative Cmd resolves against WorkingDir inside the image', async () => {
    const r = await wasmctl(['run', 'localhost/relative:v1']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /^arg\[0\]=hello\.wasm$/m);
  });

  test('-w and --entrypoint override the image', async () => {
    const r = await wasmctl(['run', '-w', '/etc', '--entrypoint', '/bin/exit3.wasm', 'localhost/tools:v1']);
    assert.equal(r.exitCode, 3, 'the module exit code is wasmctl exit code');
    const relative = await wasmctl(['run', '-w', 'app', 'localhost/tools:v1']);
    assert.equal(relative.exitCode, 125);
    assert.equal(relative.stderr, 'wasmctl: invalid --workdir: -w takes an absolute path inside the image, e.g. -w /app (see --help)\n');
  });
});

describe('the sandbox', () => {
  test('the image files are visible; host files, ../ escapes, /proc and a symlink to a host path are not', async () => {
    const hostPasswd = await readFile('/etc/passwd', 'utf8');
    const r = await wasmctl([
      'run',
      '--entrypoint',
      '/bin/cat.wasm',
      'localhost/tools:v1',
      '/etc/greeting.txt',
      '/etc/passwd',
      '../../etc/passwd',
      '/proc/self/environ',
      '/etc/host-passwd',
    ]);
    assert.equal(r.exitCode, 1);
    assert.match(r.stdout, /^hi from the image$/m);
    for (const path of ['/etc/passwd', '../../etc/passwd', '/proc/self/environ', '/etc/host-passwd']) {
      assert.match(r.stdout, new RegExp(`^cat: ${path.replace(/[./]/g, '\\$&')}: No such file or directory$`, 'm'));
    }
    assert.ok(!r.stdout.includes(hostPasswd.split('\n')[0] ?? 'root:'), 'no line of the host /etc/passwd');
  });

  test('-v mounts a host folder, and only that one; :ro makes it read-only', async () => {
    const data = join(work, 'data');
    await mkdir(data, { recursive: true });
    await writeFile(join(data, 'note.txt'), 'mounted\n');
    const r = await wasmctl([
      'run',
      '-v',
      `${data}:/data:ro`,
      '--entrypoint',
      '/bin/cat.wasm',
      'localhost/tools:v1',
      '/data/note.txt',
      '/data/../../etc/passwd',
    ]);
    assert.match(r.stdout, /^mounted$/m);
    // WASI paths stay beneath their preopen: `..` above /data is refused, as wasmtime refuses it.
    assert.match(r.stdout, /cat: \/data\/\.\.\/\.\.\/etc\/passwd: Capabilities insufficient/);
    assert.doesNotMatch(r.stdout, /root:x:0:0/);
    const missing = await wasmctl(['run', '-v', `${join(work, 'nope')}:/x`, 'localhost/tools:v1']);
    assert.equal(missing.exitCode, 125);
    assert.match(missing.stderr, /^wasmctl: volume source .*nope does not exist/);
  });

  test('stdin reaches the module with -i', async () => {
    const r = await wasmctl(['run', '-i', '--entrypoint', '/bin/echo.wasm', 'localhost/tools:v1'], { input: 'line one\nline two\n' });
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.stdout, 'line one\nline two\n');
  });
});

describe('failures get docker exit codes and one-line messages', () => {
  test('a trap exits 134 naming the trap and the function', async () => {
    const r = await wasmctl(['run', '--entrypoint', '/bin/trap.wasm', 'localhost/tools:v1']);
    assert.equal(r.exitCode, 134);
    assert.equal(r.stdout, 'before trap\n');
    assert.match(r.stderr, /^wasmctl: wasm trap: unreachable.*crash_here/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });

  test('--timeout stops a module that never ends: exit 124', async () => {
    const started = Date.now();
    const r = await wasmctl(['run', '--timeout', '1s', '--entrypoint', '/bin/loop.wasm', 'localhost/tools:v1']);
    assert.equal(r.exitCode, 124);
    assert.match(r.stderr, /^wasmctl: module exceeded --timeout 1s$/m);
    assert.ok(Date.now() - started < 10_000);
  });

  test('--memory caps linear memory: the hog sees malloc fail below the cap', async () => {
    const r = await wasmctl(['run', '--memory', '16m', '--entrypoint', '/bin/memhog.wasm', 'localhost/tools:v1']);
    const mib = Number(/malloc failed after (\d+) MiB/.exec(r.stdout)?.[1]);
    assert.ok(mib >= 1 && mib < 16, `got ${r.stdout}`);
    assert.equal(r.exitCode, 1);
  });

  test('an entry missing from the image exits 127; not Wasm or invalid Wasm 126; no Cmd 125', async () => {
    const missing = await wasmctl(['run', '--entrypoint', '/bin/nope.wasm', 'localhost/tools:v1']);
    assert.equal(missing.exitCode, 127);
    assert.match(missing.stderr, /^wasmctl: .*\/bin\/nope\.wasm.* not found/);
    const native = await wasmctl(['run', 'localhost/notwasm:v1']);
    assert.equal(native.exitCode, 126);
    assert.match(native.stderr, /^wasmctl: entry run\.sh is not a Wasm module/);
    const invalid = await wasmctl(['run', 'localhost/invalid:v1']);
    assert.equal(invalid.exitCode, 126);
    assert.match(invalid.stderr, /^wasmctl: .*bad\.wasm/);
    const nocmd = await wasmctl(['run', 'localhost/nocmd:v1']);
    assert.equal(nocmd.exitCode, 125);
    assert.match(nocmd.stderr, /has no Entrypoint or Cmd/);
    for (const r of [missing, native, invalid, nocmd]) assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  });

  test('an unknown image exits 125 and leaves the store as it was', async () => {
    const before = await readdir(store(), { recursive: true });
    const r = await wasmctl(['run', '--pull', 'never', 'localhost/absent:v1']);
    assert.equal(r.exitCode, 125);
    assert.match(r.stderr, /^wasmctl: Unable to find image 'localhost\/absent:v1' locally/);
    assert.deepEqual((await readdir(store(), { recursive: true })).sort(), before.sort());
  });
});

test('a bare .wasm file runs without an image; a missing one is named, not parsed as a reference', async () => {
  const r = await wasmctl(['run', modulePath('exit3')]);
  assert.equal(r.exitCode, 3);
  for (const path of ['./nope.wasm', join(work, 'nope.tar')]) {
    const missing = await wasmctl(['run', path]);
    assert.equal(missing.exitCode, 125);
    assert.equal(missing.stderr, `wasmctl: ${path} does not exist\n`);
  }
});

test('the sample image runs from its OCI archive, as README first command does', async () => {
  const r = await wasmctl(['run', join(REPO, 'samples/hello/hello-oci.tar')]);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout, 'Hello from WebAssembly!\n');
});
