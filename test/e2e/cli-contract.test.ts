/**
 * The CLI contract (issue 11): `wasmctl` as docker, podman and wasmtime users type it. Every case
 * runs the real bin/wasmctl (from its startup snapshot) over buildah-built images.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { execa } from 'execa';
import { type Builder, startBuilder } from '../support/buildah.js';
import { REPO } from '../support/repo.js';
import { buildModules, modulePath } from '../modules/harness.js';

const BIN = join(REPO, 'bin/wasmctl');
let builder: Builder;
let work: string;
let root: string;

function wasmctl(args: string[], options: { input?: string; env?: Record<string, string>; root?: string } = {}) {
  return execa(BIN, ['--root', options.root ?? root, ...args], {
    reject: false,
    stripFinalNewline: false,
    cwd: work,
    ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
    ...(options.env ? { env: options.env } : {}),
  });
}

const ok = (r: { exitCode?: number; stderr: string }) => assert.equal(r.exitCode, 0, r.stderr);
const oneLine = (stderr: string) => assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-contract-'));
  root = join(work, 'store');
  builder = await startBuilder();
  await buildModules();
  const hello = await readFile(modulePath('hello'));
  await builder.build(
    'localhost/envtool:v1',
    'FROM scratch\nCOPY hello.wasm /hello.wasm\nENV GREETING=image OTHER=kept\nENTRYPOINT ["/hello.wasm"]\n',
    { 'hello.wasm': hello },
  );
  await builder.build('localhost/cmdonly:v1', 'FROM scratch\nCOPY hello.wasm /hello.wasm\nCMD ["/hello.wasm"]\n', { 'hello.wasm': hello });
  for (const tag of ['localhost/envtool:v1', 'localhost/cmdonly:v1']) {
    const archive = join(work, `${tag.replace(/\W/g, '_')}.tar`);
    await builder.push(tag, `docker-archive:${archive}:${tag}`);
    ok(await wasmctl(['load', '-i', archive]));
  }
});

after(async () => {
  await builder?.stop();
  await rm(work, { recursive: true, force: true });
});

describe('everything after IMAGE belongs to the module', () => {
  test('dashes after an image or a bare module reach the module, not wasmctl', async () => {
    const r = await wasmctl(['run', 'localhost/envtool:v1', '--flag', '-e', 'X=1', '--help']);
    ok(r);
    assert.match(r.stdout, /^arg\[1\]=--flag\narg\[2\]=-e\narg\[3\]=X=1\narg\[4\]=--help$/m);
    assert.doesNotMatch(r.stdout, /^env X=1$/m);
    const bare = await wasmctl(['run', modulePath('hello'), '--version', '-v']);
    ok(bare);
    assert.match(bare.stdout, /^arg\[1\]=--version\narg\[2\]=-v$/m);
  });

  test('arguments replacing a Cmd-only image entry exit 127 saying so', async () => {
    const r = await wasmctl(['run', 'localhost/cmdonly:v1', 'a', 'b']);
    assert.equal(r.exitCode, 127);
    assert.match(r.stderr, /^wasmctl: entry "a" not found in the image; the arguments after IMAGE replaced its Cmd \["\/hello\.wasm"\]/);
    oneLine(r.stderr);
  });
});

describe('-e and --env-file override the image ENV by name', () => {
  test('the last value of a name wins, each name is seen once; -e NAME passes the host value', async () => {
    const envFile = join(work, 'vars.env');
    await writeFile(envFile, '# comment\n\nGREETING=from-file\nFROM_FILE=yes\n');
    const r = await wasmctl(
      ['run', '--env-file', envFile, '-e', 'GREETING=cli', '-e', 'PASSED', '-e', 'UNSET_HERE', 'localhost/envtool:v1'],
      {
        env: { PASSED: 'through' },
      },
    );
    ok(r);
    const env = r.stdout.split('\n').filter((l) => l.startsWith('env '));
    assert.deepEqual(
      env.filter((l) => l.startsWith('env GREETING=')),
      ['env GREETING=cli'],
    );
    assert.ok(env.includes('env OTHER=kept') && env.includes('env FROM_FILE=yes') && env.includes('env PASSED=through'), env.join('\n'));
    assert.ok(!env.some((l) => l.startsWith('env UNSET_HERE')), 'an unset host variable is not passed');
    const wasmer = await wasmctl(['run', '--engine', 'wasmer', '-e', 'GREETING=cli', 'localhost/envtool:v1']);
    ok(wasmer);
    assert.deepEqual(
      wasmer.stdout.split('\n').filter((l) => l.startsWith('env GREETING=')),
      ['env GREETING=cli'],
    );
  });

  test('a malformed env-file line is an error naming the file and the line', async () => {
    const envFile = join(work, 'bad.env');
    await writeFile(envFile, 'GOOD=1\n=oops\n');
    const r = await wasmctl(['run', '--env-file', envFile, 'localhost/envtool:v1']);
    assert.equal(r.exitCode, 125);
    assert.equal(r.stderr, `wasmctl: --env-file ${envFile} line 2: "=oops" has no variable name (use NAME=value)\n`);
    assert.equal(r.stdout, '');
  });
});

describe('exit codes and messages', () => {
  test('a bad option or a missing argument exits 125 with one line pointing at --help', async () => {
    for (const [args, message] of [
      [['run', '--bogus', 'localhost/envtool:v1'], "wasmctl: unknown option '--bogus' (see 'wasmctl run --help')\n"],
      [['run'], "wasmctl: missing required argument 'image' (see 'wasmctl run --help')\n"],
      [['nosuch'], "wasmctl: unknown command 'nosuch' (see 'wasmctl --help')\n"],
      [['image', 'prune', '--bogus'], "wasmctl: unknown option '--bogus' (see 'wasmctl image prune --help')\n"],
    ] as const) {
      const r = await wasmctl([...args]);
      assert.equal(r.exitCode, 125, args.join(' '));
      assert.equal(r.stderr, message);
    }
    const help = await wasmctl(['run', '--help']);
    assert.equal(help.exitCode, 0);
    assert.match(help.stdout, /^Usage: wasmctl run \[options\] IMAGE \[ARG\.\.\.\]/);
  });

  test('offline, a missing image says first that it is not in the store, then why the pull failed', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as { port: number };
        server.close(() => resolve(p));
      });
    });
    const ref = `127.0.0.1:${port}/helo:v1`;
    const r = await wasmctl(['run', ref]);
    assert.equal(r.exitCode, 125);
    assert.match(
      r.stderr,
      new RegExp(`^wasmctl: Unable to find image '${ref.replace(/[.]/g, '\\.')}' locally, and pulling it failed: cannot reach registry`),
    );
    assert.doesNotMatch(r.stderr, /plain-http/);
    oneLine(r.stderr);
  });

  test('a text file given as an image or archive is named for what it is', async () => {
    await writeFile(join(work, 'notes.txt'), 'just some notes\n');
    const run = await wasmctl(['run', 'notes.txt']);
    assert.equal(run.exitCode, 125);
    assert.match(run.stderr, /^wasmctl: notes\.txt is not a tar archive, an OCI layout or a \.wasm module/);
    const text = await wasmctl(['load'], { input: 'x\n' });
    assert.equal(text.exitCode, 125);
    assert.equal(text.stderr, 'wasmctl: stdin is not a tar archive\n');
    const empty = await wasmctl(['load'], { input: '' });
    assert.equal(empty.exitCode, 125);
    assert.match(empty.stderr, /^wasmctl: stdin is empty/);
  });

  test('--memory and --timeout take what users write, and name the flag in errors', async () => {
    for (const flags of [
      ['--memory', '64m'],
      ['--memory', '1g'],
      ['--memory', '262144'],
      ['--timeout', '90s'],
      ['--timeout', '1m30s'],
      ['--timeout', '500ms'],
    ]) {
      ok(await wasmctl(['run', ...flags, 'localhost/envtool:v1']));
    }
    const small = await wasmctl(['run', '--memory', '1k', 'localhost/envtool:v1']);
    assert.equal(small.exitCode, 125);
    assert.equal(small.stderr, 'wasmctl: --memory 1k is below one 64 KiB Wasm page\n');
    const bad = await wasmctl(['run', '--timeout', '5x', 'localhost/envtool:v1']);
    assert.equal(bad.exitCode, 125);
    assert.match(bad.stderr, /^wasmctl: --timeout 5x: not a duration/);
    assert.doesNotMatch(small.stderr + bad.stderr, /limits\.|memoryBytes|timeoutMs/);
  });
});

describe('docker command lines paste unchanged', () => {
  test('--rm, -t, -it are accepted; --name is shown in messages', async () => {
    ok(await wasmctl(['run', '--rm', '-it', 'localhost/envtool:v1']));
    ok(await wasmctl(['run', '--rm', '-t', '--name', 'web1', 'localhost/envtool:v1']));
    const r = await wasmctl(['run', '--name', 'web1', '--timeout', '300ms', modulePath('loop')]);
    assert.equal(r.exitCode, 124);
    assert.equal(r.stderr, 'wasmctl: web1: module exceeded --timeout 300ms\n');
  });
});

describe('wasmtime habits for a bare module', () => {
  test('--dir HOST::GUEST and --dir HOST mount read-write; --env sets a variable', async () => {
    const data = join(work, 'dir-data');
    await mkdir(data, { recursive: true });
    await writeFile(join(data, 'note.txt'), 'from the host\n');
    const guest = await wasmctl(['run', '--dir', `${data}::/data`, modulePath('cat'), '/data/note.txt']);
    ok(guest);
    assert.equal(guest.stdout, 'from the host\n');
    const same = await wasmctl(['run', '--dir', data, modulePath('cat'), `${data}/note.txt`]);
    ok(same);
    assert.equal(same.stdout, 'from the host\n');
    const written = await wasmctl(['run', '--dir', `${data}::/data`, modulePath('write'), '/data/out.txt', 'written']);
    ok(written);
    assert.equal(await readFile(join(data, 'out.txt'), 'utf8'), 'written');
    const env = await wasmctl(['run', '--env', 'MODE=dev', modulePath('hello')]);
    ok(env);
    assert.match(env.stdout, /^env MODE=dev$/m);
  });

  test("-v HOST:/ is a bare module's whole root; over an image it is refused", async () => {
    const data = join(work, 'root-data');
    await mkdir(data, { recursive: true });
    await writeFile(join(data, 'note.txt'), 'the whole root\n');
    for (const engine of ['wasmer', 'wasmctl']) {
      const r = await wasmctl(['run', '--engine', engine, '-v', `${data}:/:ro`, modulePath('cat'), '/note.txt']);
      ok(r);
      assert.equal(r.stdout, 'the whole root\n', engine);
    }
    const image = await wasmctl(['run', '-v', `${data}:/`, 'localhost/envtool:v1']);
    assert.equal(image.exitCode, 125);
    assert.match(image.stderr, /mount \/ only for a bare \.wasm module/);
  });
});

/** The first line of stdout, then the reading end closed as `head -1` does: exit code and how long the rest took. */
function headOne(args: string[]): Promise<{ line: string; code: number | null; afterCloseMs: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, ['--root', root, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    let closedAt = 0;
    let line = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (closedAt) return;
      line = chunk.toString().split('\n')[0] ?? '';
      closedAt = Date.now();
      child.stdout.destroy();
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ line, code, afterCloseMs: Date.now() - closedAt });
    });
  });
}

describe('stdout is a pipe', () => {
  for (const engine of ['wasmctl', 'wasmer']) {
    test(`| head -1 on an endless writer ends it with exit 141 within a second (--engine ${engine})`, async () => {
      const r = await headOne(['run', '--engine', engine, modulePath('yes-forever')]);
      assert.equal(r.line, 'y');
      assert.equal(r.code, 141);
      assert.ok(r.afterCloseMs < 1000, `${r.afterCloseMs} ms after the pipe closed`);
    });
  }

  test('through a shell pipeline, as typed', async () => {
    const r = await execa(
      'bash',
      ['-c', `"${BIN}" --root "${root}" run --engine wasmer "${modulePath('yes-forever')}" | head -1; echo "status \${PIPESTATUS[0]}"`],
      { timeout: 10_000 },
    );
    assert.equal(r.stdout, 'y\nstatus 141');
  });
});

describe('the commands people type next', () => {
  test('version, --version and version --json', async () => {
    const { version } = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as { version: string };
    const flag = await wasmctl(['--version']);
    ok(flag);
    assert.equal(flag.stdout, `${version}\n`);
    const text = await wasmctl(['version']);
    ok(text);
    assert.match(text.stdout, new RegExp(`^wasmctl:\\s+${version.replace(/\./g, '\\.')}\\nNode:\\s+${process.version}`));
    assert.match(text.stdout, /^Engines:.*wasmctl.*wasmer \(@wasmer\/wasi \d+\.\d+\.\d+\)$/m);
    assert.match(text.stdout, new RegExp(`^Store:\\s+${root}$`, 'm'));
    const json = JSON.parse((await wasmctl(['version', '--json'])).stdout) as Record<string, unknown>;
    assert.equal(json.version, version);
    assert.equal(json.node, process.version);
    assert.equal(json.store, root);
  });

  test('images -q, --format, --json and the image group', async () => {
    const list = JSON.parse((await wasmctl(['images', '--json'])).stdout) as Array<{ reference: string; digest: string }>;
    assert.ok(Array.isArray(list) && list.length >= 2);
    const quiet = await wasmctl(['images', '-q']);
    assert.deepEqual(quiet.stdout.trimEnd().split('\n'), [...new Set(list.map((i) => i.digest))]);
    const names = await wasmctl(['images', '--format', '{{.Repository}}:{{.Tag}}']);
    assert.match(names.stdout, /^localhost\/envtool:v1$/m);
    assert.match(names.stdout, /^localhost\/cmdonly:v1$/m);
    const lines = (await wasmctl(['images', '--format', 'json'])).stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { reference: string });
    assert.deepEqual(
      lines.map((l) => l.reference),
      list.map((i) => i.reference),
    );
    const bad = await wasmctl(['images', '--format', '{{.Nope}}']);
    assert.equal(bad.exitCode, 125);
    assert.match(bad.stderr, /^wasmctl: --format: unknown field \.Nope/);
    assert.equal((await wasmctl(['image', 'ls'])).stdout, (await wasmctl(['images'])).stdout);
    const inspect = JSON.parse((await wasmctl(['image', 'inspect', 'localhost/envtool:v1'])).stdout) as {
      config: { entrypoint: string[] };
    };
    assert.deepEqual(inspect.config.entrypoint, ['/hello.wasm']);
  });

  test('load says Loaded image: for every name it stored', async () => {
    const layout = join(work, 'two-names');
    await builder.push('localhost/envtool:v1', `oci:${layout}:first`);
    await builder.push('localhost/envtool:v1', `oci:${layout}:second`);
    const r = await wasmctl(['image', 'load', '-i', layout], { root: join(work, 'load-store') });
    ok(r);
    assert.equal(r.stdout, 'Loaded image: two-names:first\nLoaded image: two-names:second\n');
  });

  test('rmi of several names removes each it can, reports each failure, exits 1', async () => {
    const store = join(work, 'rmi-store');
    const fresh = await wasmctl(['rmi', 'hello:v1'], { root: store });
    assert.equal(fresh.exitCode, 1);
    assert.equal(fresh.stderr, 'wasmctl: no such image: hello:v1\n', 'no ENOENT on a fresh store');
    const archive = join(work, 'rmi-a.tar');
    await builder.push('localhost/envtool:v1', `docker-archive:${archive}:localhost/a:v1`);
    ok(await wasmctl(['load', '-i', archive], { root: store }));
    await builder.push('localhost/cmdonly:v1', `docker-archive:${archive}-b:localhost/b:v1`);
    ok(await wasmctl(['load', '-i', `${archive}-b`], { root: store }));
    const r = await wasmctl(['rmi', 'localhost/a:v1', 'localhost/missing:v1', 'localhost/b:v1'], { root: store });
    assert.equal(r.exitCode, 1);
    // buildah's archives also name the image by its build tag: the files stay for that name.
    assert.equal(r.stdout, 'Untagged: localhost/a:v1\nUntagged: localhost/b:v1\n');
    assert.equal(r.stderr, 'wasmctl: no such image: localhost/missing:v1\n');
    const left = await wasmctl(['images', '--format', '{{.Repository}}:{{.Tag}}'], { root: store });
    assert.equal(left.stdout, 'localhost/cmdonly:v1\nlocalhost/envtool:v1\n');
    const rest = await wasmctl(['rmi', 'localhost/envtool:v1', 'localhost/cmdonly:v1'], { root: store });
    assert.equal(rest.exitCode, 0, rest.stderr);
    assert.equal(rest.stdout.match(/^Deleted: sha256:[a-f0-9]{64}$/gm)?.length, 2);
    assert.equal((await wasmctl(['images', '-q'], { root: store })).stdout, '');
  });

  test('image prune removes <none> images and unused files, and says the space reclaimed', async () => {
    const store = join(work, 'prune-store');
    const unnamed = join(work, 'unnamed-oci.tar');
    await builder.push('localhost/cmdonly:v1', `oci-archive:${unnamed}`);
    const named = join(work, 'named.tar');
    await builder.push('localhost/envtool:v1', `docker-archive:${named}:localhost/keep:v1`);
    ok(await wasmctl(['load', '-i', unnamed], { root: store }));
    ok(await wasmctl(['load', '-i', named], { root: store }));
    assert.match((await wasmctl(['images'], { root: store })).stdout, /^<none>\s+<none>/m);
    // A blob nothing names, as a crash between writes could leave.
    await writeFile(join(store, 'blobs', 'sha256', 'f'.repeat(64)), Buffer.alloc(1000));
    const r = await wasmctl(['image', 'prune'], { root: store });
    ok(r);
    assert.match(r.stdout, /^Deleted: sha256:[a-f0-9]{64}\nTotal reclaimed space: \d+(\.\d+)?kB\n$/);
    assert.doesNotMatch((await wasmctl(['images'], { root: store })).stdout, /<none>/);
    assert.ok(!(await readdir(join(store, 'blobs', 'sha256'))).includes('f'.repeat(64)));
    ok(await wasmctl(['run', 'localhost/keep:v1'], { root: store }));
    assert.equal((await wasmctl(['image', 'prune'], { root: store })).stdout, 'Total reclaimed space: 0B\n');
  });
});
