/** The image commands as a user runs them: `node bin/wasmctl.js …` after `npm run build`. */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { execa } from 'execa';
import { type Builder, startBuilder } from '../support/buildah.js';
import { REPO } from '../support/repo.js';

let builder: Builder;
let work: string;
let archive: string;

function wasmctl(args: string[], input?: string) {
  return execa('node', [join(REPO, 'bin/wasmctl.js'), '--root', join(work, 'store'), ...args], {
    reject: false,
    ...(input ? { inputFile: input } : {}),
  });
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-cli-'));
  builder = await startBuilder();
  const hello = await readFile(join(REPO, 'samples/hello/hello.wasm'));
  await builder.build('localhost/hello:v1', 'FROM scratch\nCOPY hello.wasm hello.wasm\nCMD ["hello.wasm"]\n', { 'hello.wasm': hello });
  archive = join(work, 'hello-docker.tar');
  await builder.push('localhost/hello:v1', `docker-archive:${archive}:localhost/hello:v1`);
});
after(async () => {
  await builder.stop();
  await rm(work, { recursive: true, force: true });
});

test('load, images, inspect, rmi', async () => {
  const load = await wasmctl(['load', '-i', archive]);
  assert.equal(load.exitCode, 0, load.stderr);
  assert.equal(load.stdout, 'Loaded image: localhost/hello:v1');

  const table = await wasmctl(['images']);
  const [header, row] = table.stdout.split('\n');
  assert.match(header ?? '', /^REPOSITORY\s+TAG\s+DIGEST\s+SIZE\s+CREATED$/);
  assert.match(row ?? '', /^localhost\/hello\s+v1\s+sha256:[a-f0-9]{12}\s+\S+B\s+1970-01-01/);

  const json = JSON.parse((await wasmctl(['images', '--json'])).stdout) as Array<{ reference: string }>;
  assert.deepEqual(
    json.map((i) => i.reference),
    ['localhost/hello:v1'],
  );

  const inspect = await wasmctl(['inspect', 'localhost/hello:v1']);
  const image = JSON.parse(inspect.stdout) as { config: { cmd: string[] }; rootfs: string };
  assert.deepEqual(image.config.cmd, ['hello.wasm']);
  assert.deepEqual(await readdir(image.rootfs), ['hello.wasm']);

  const rmi = await wasmctl(['rmi', 'localhost/hello:v1']);
  assert.equal(rmi.exitCode, 0);
  assert.match(rmi.stdout, /^Untagged: localhost\/hello:v1\nDeleted: sha256:[a-f0-9]{64}$/);
  assert.equal((await wasmctl(['images'])).stdout.split('\n').length, 1);
  assert.deepEqual(await readdir(join(work, 'store', 'blobs', 'sha256')), []);
});

test('load from stdin', async () => {
  const load = await wasmctl(['load'], archive);
  assert.equal(load.exitCode, 0, load.stderr);
  assert.equal(load.stdout, 'Loaded image: localhost/hello:v1');
  await wasmctl(['rmi', 'localhost/hello:v1']);
});

test('bad input: one line on stderr, exit 125, nothing stored', async () => {
  const junk = join(work, 'junk.tar');
  await writeFile(junk, 'not a tar '.repeat(100));
  for (const [args, message] of [
    [['load', '-i', junk], `wasmctl: ${junk} is not a tar archive\n`],
    [['inspect', 'nothere:v1'], 'wasmctl: image "nothere:v1" is not in the store (pull it first: wasmctl pull nothere:v1)\n'],
    [
      ['pull', 'Bad Ref'],
      'wasmctl: invalid reference "Bad Ref": "Bad Ref" is not a lowercase name component (write it as [registry/]name[:tag][@sha256:digest])\n',
    ],
    [
      ['pull', '--platform', 'wasm', '127.0.0.1:5000/x'],
      'wasmctl: invalid platform "wasm" (write it as os/arch[/variant], e.g. wasi/wasm)\n',
    ],
  ] as const) {
    const result = await wasmctl([...args]);
    assert.equal(result.exitCode, 125, args.join(' '));
    assert.equal(`${result.stderr}\n`, message);
  }
  assert.equal((await wasmctl(['images', '--json'])).stdout, '[]');
});

test('each command explains itself with an example', async () => {
  for (const command of ['pull', 'load', 'images', 'inspect', 'rmi']) {
    const help = await wasmctl([command, '--help']);
    assert.equal(help.exitCode, 0);
    assert.match(help.stdout, new RegExp(`Examples:\\n  wasmctl ${command}|Examples:\\n  .*\\| wasmctl ${command}`));
  }
});
