/**
 * `wasmctl run` of WASI 0.2 components (issue 15), as a user runs them: components made by `jco new`
 * from the C test modules, bare and as an image's entry (built by buildah); args, env, stdio, exit
 * codes, traps, limits, the sandbox of preview 1 over wasi:filesystem, and the transpile cache.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { toolchainTag } from '../../runtime-bridge/index.js';
import { type Builder, startBuilder } from '../support/buildah.js';
import { componentFromWat, componentize } from '../support/component.js';
import { type CliOptions, wasmctlIn } from '../support/wasmctl.js';
import { buildModules, modulePath } from '../modules/harness.js';

const TOOLS = ['hello', 'exit3', 'trap', 'loop', 'memhog', 'echo', 'cat', 'write'];

let work: string;
let builder: Builder;
const store = () => join(work, 'store');
const component = (name: string) => join(work, `${name}.component.wasm`);

const wasmctl = (args: string[], options: CliOptions = {}) => wasmctlIn(store(), args, options);

const cacheDirOf = async (file: string) =>
  join(
    store(),
    'components',
    toolchainTag(),
    createHash('sha256')
      .update(await readFile(file))
      .digest('hex'),
  );

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-component-'));
  await buildModules();
  for (const name of TOOLS) await componentize(modulePath(name), component(name));
});

after(async () => {
  await builder?.stop();
  await rm(work, { recursive: true, force: true });
});

describe('a bare component file', () => {
  test('is recognised by its header and gets its arguments and environment; no host variable leaks', async () => {
    const header = (await readFile(component('hello'))).subarray(4, 8);
    assert.deepEqual([...header], [0x0d, 0x00, 0x01, 0x00], 'jco new made a component, not a module');
    const r = await wasmctl(['run', '-e', 'GREETING=cli', component('hello'), 'a', 'b c'], { env: { SECRET_HOST_VAR: 'leak' } });
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /^hello from wasm\narg\[0\]=.*hello\.component\.wasm\narg\[1\]=a\narg\[2\]=b c\n/);
    assert.match(r.stdout, /^env GREETING=cli$/m);
    assert.doesNotMatch(r.stdout, /SECRET_HOST_VAR/);
  });

  test('stdin streams through with -i; stderr passes; a failing exit is reported as the adapter reports it', async () => {
    const echo = await wasmctl(['run', '-i', component('echo')], { input: 'line one\nline two\n' });
    assert.equal(echo.exitCode, 0, echo.stderr);
    assert.equal(echo.stdout, 'line one\nline two\n');
    // The preview 1 adapter turns exit(3) into wasi:cli/exit's `err`, which is 1 (as under wasmtime).
    const exit = await wasmctl(['run', component('exit3')]);
    assert.equal(exit.stderr, 'about to exit 3\n');
    assert.equal(exit.exitCode, 1);
  });

  test('a trap exits 134 naming it exactly as for a module', async () => {
    const r = await wasmctl(['run', component('trap')]);
    assert.equal(r.exitCode, 134);
    assert.equal(r.stdout, 'before trap\n');
    assert.equal(r.stderr, 'wasmctl: wasm trap: unreachable in crash_here\n');
  });

  test('--timeout stops it (124); --memory caps every core module memory', async () => {
    // A first run transpiles (a timeout would stop that too): ended once it loops, the next timeout is the run's alone.
    const first = wasmctl(['run', component('loop')]);
    await once(first.stdout as Readable, 'data');
    first.kill('SIGTERM');
    await first;
    // 2s: compiling the cached core modules and booting must fit inside it on a loaded machine.
    const loop = await wasmctl(['run', '--timeout', '2s', component('loop')]);
    assert.equal(loop.exitCode, 124);
    assert.equal(loop.stdout, 'looping\n');
    assert.match(loop.stderr, /^wasmctl: module exceeded --timeout 2s$/m);
    const hog = await wasmctl(['run', '--memory', '16m', component('memhog')]);
    const mib = Number(/malloc failed after (\d+) MiB/.exec(hog.stdout)?.[1]);
    assert.ok(mib >= 1 && mib < 16, `got ${hog.stdout} ${hog.stderr}`);
  });

  test('the transpiled form is cached in the store by the component digest: the second run reuses it', async () => {
    const file = join(work, 'cached.component.wasm');
    await writeFile(file, await readFile(component('hello')));
    const dir = await cacheDirOf(file);
    const first = await wasmctl(['run', file]);
    assert.equal(first.exitCode, 0, first.stderr);
    const manifest = await stat(join(dir, 'manifest.json'));
    const glue = await stat(join(dir, 'glue.mjs'));
    const second = await wasmctl(['run', file, 'again']);
    assert.equal(second.exitCode, 0, second.stderr);
    assert.match(second.stdout, /^arg\[1\]=again$/m);
    assert.equal((await stat(join(dir, 'manifest.json'))).mtimeMs, manifest.mtimeMs, 'not transpiled again');
    assert.equal((await stat(join(dir, 'glue.mjs'))).mtimeMs, glue.mtimeMs);
  });

  test('an import the host does not provide fails at start naming it (125); a broken component is 126', async () => {
    const missing = await componentFromWat(
      `(component
        (import "example:demo/greeter" (instance $g (export "greet" (func))))
        (core func $greet (canon lower (func $g "greet")))
        (core module $m (import "host" "greet" (func $greet)) (func (export "run") (result i32) (call $greet) (i32.const 0)))
        (core instance $i (instantiate $m (with "host" (instance (export "greet" (func $greet))))))
        (func $run (result (result)) (canon lift (core func $i "run")))
        (instance $runi (export "run" (func $run)))
        (export "wasi:cli/run@0.2.0" (instance $runi)))`,
      join(work, 'missing.component.wasm'),
    );
    const r = await wasmctl(['run', missing]);
    assert.equal(r.exitCode, 125);
    assert.equal(r.stderr, 'wasmctl: component imports example:demo/greeter, which wasmctl does not provide\n');
    const broken = join(work, 'broken.component.wasm');
    await writeFile(broken, Buffer.concat([Buffer.from('\0asm\x0d\0\x01\0'), Buffer.from('garbage')]));
    const bad = await wasmctl(['run', broken]);
    assert.equal(bad.exitCode, 126);
    assert.match(bad.stderr, /^wasmctl: entry .*broken\.component\.wasm is not a valid Wasm component/);
    assert.equal(bad.stderr.trim().split('\n').length, 1);
  });
});

test('--engine wasmer (preview 1 only) refuses a component; serve refuses a command component, which is no wasi:http/proxy (125)', async () => {
  const wasmer = await wasmctl(['run', '--engine', 'wasmer', component('hello')]);
  assert.equal(wasmer.exitCode, 125);
  assert.equal(wasmer.stderr, 'wasmctl: --engine wasmer runs preview 1 modules only; components run on the wasmctl engine\n');
  const r = await wasmctl(['serve', '--listen', '127.0.0.1:0', `id_1=${component('hello')}`]);
  assert.equal(r.exitCode, 125);
  assert.match(
    r.stderr,
    /^wasmctl: .*hello\.component\.wasm: the component exports no wasi:http\/incoming-handler: it is not a wasi:http\/proxy component\n$/,
  );
});

describe('wasi:filesystem is the preview 1 sandbox', () => {
  test('a -v mount is seen; host paths, ../ escapes and symlinks out are refused; :ro is honoured', async () => {
    const data = join(work, 'data');
    await mkdir(data, { recursive: true });
    await writeFile(join(data, 'note.txt'), 'mounted\n');
    await writeFile(join(work, 'secret.txt'), 'host secret\n');
    await symlink(join(work, 'secret.txt'), join(data, 'abs-link'));
    await symlink('../secret.txt', join(data, 'rel-link'));
    const r = await wasmctl([
      'run',
      '-v',
      `${data}:/data:ro`,
      component('cat'),
      '/data/note.txt',
      '/data/abs-link',
      '/data/rel-link',
      '/data/../secret.txt',
      join(work, 'secret.txt'),
    ]);
    assert.equal(r.exitCode, 1);
    assert.match(r.stdout, /^mounted$/m);
    assert.doesNotMatch(r.stdout, /host secret/);
    for (const path of ['/data/abs-link', '/data/rel-link', '/data/../secret.txt']) {
      assert.match(r.stdout, new RegExp(`^cat: ${path.replace(/[./]/g, '\\$&')}: Operation not permitted$`, 'm'));
    }
    assert.match(r.stdout, /No such file or directory$/m, 'a host path is not in the namespace');
    const ro = await wasmctl(['run', '-v', `${data}:/data:ro`, component('write'), '/data/new.txt', 'x']);
    assert.equal(ro.stdout, 'write: /data/new.txt: Read-only file system\n');
    const rw = await wasmctl(['run', '-v', `${data}:/data`, component('write'), '/data/new.txt', 'written by a component']);
    assert.equal(rw.exitCode, 0, rw.stdout + rw.stderr);
    assert.equal(await readFile(join(data, 'new.txt'), 'utf8'), 'written by a component');
  });
});

test('an image whose entry is a component: its files, Env and Cmd; the rootfs read-only', async () => {
  builder = await startBuilder();
  await builder.build(
    'localhost/component:v1',
    'FROM scratch\nCOPY bin/ /bin/\nCOPY greeting.txt /etc/greeting.txt\nENV GREETING=image\n' +
      'ENTRYPOINT ["/bin/hello.component.wasm"]\nCMD ["default-arg"]\n',
    {
      'bin/hello.component.wasm': await readFile(component('hello')),
      'bin/write.component.wasm': await readFile(component('write')),
      'greeting.txt': 'hi from the image\n',
    },
  );
  const archive = join(work, 'component.tar');
  await builder.push('localhost/component:v1', `docker-archive:${archive}:localhost/component:v1`);
  const loaded = await wasmctl(['load', '-i', archive]);
  assert.equal(loaded.exitCode, 0, loaded.stderr);
  const r = await wasmctl(['run', 'localhost/component:v1']);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /^arg\[0\]=\/bin\/hello\.component\.wasm\narg\[1\]=default-arg$/m);
  assert.match(r.stdout, /^env GREETING=image$/m);
  assert.match(r.stdout, /^file hi from the image$/m);
  const write = await wasmctl(['run', '--entrypoint', '/bin/write.component.wasm', 'localhost/component:v1', '/etc/x', 'y']);
  assert.equal(write.stdout, 'write: /etc/x: Read-only file system\n');
});
