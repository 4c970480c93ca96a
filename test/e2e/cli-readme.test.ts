/**
 * README's tutorial, "From `docker build` to `wasmctl run`", run as written: its commands are
 * taken from README.md itself, so the README cannot drift from what works. `wasmctl` is the bin
 * on PATH; `buildah` is the real one, with its storage in a temp folder.
 */
import assert from 'node:assert/strict';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { execa } from 'execa';
import { REPO } from '../support/repo.js';

const SECTION = '## From `docker build` to `wasmctl run`';

/** The fenced blocks of one README section, by their info string. */
function blocks(readme: string, section: string): Record<string, string> {
  const start = readme.indexOf(section);
  assert.ok(start >= 0, `README has no section ${section}`);
  const end = readme.indexOf('\n## ', start + section.length);
  const body = readme.slice(start, end === -1 ? undefined : end);
  return Object.fromEntries([...body.matchAll(/```(\w+)\n([^]*?)```/g)].map((m) => [m[1] as string, m[2] as string]));
}

let work: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-readme-'));
});

after(async () => {
  await execa(
    'buildah',
    ['--root', join(work, 'buildah/storage'), '--runroot', join(work, 'buildah/run'), '--storage-driver', 'vfs', 'rm', '--all'],
    { reject: false },
  );
  await rm(work, { recursive: true, force: true });
});

test("README's tutorial runs as written and shows what it says", async () => {
  const readme = await readFile(join(REPO, 'README.md'), 'utf8');
  const { Dockerfile: dockerfile, sh: script } = blocks(readme, SECTION);
  assert.ok(dockerfile && script, 'the section has a Dockerfile block and a sh block');
  assert.equal(dockerfile, await readFile(join(REPO, 'samples/hello/Dockerfile'), 'utf8'), "the README's Dockerfile is the sample's");

  // A checkout's samples/hello, without the built files, and a PATH with `wasmctl` on it.
  const checkout = join(work, 'checkout');
  await mkdir(join(checkout, 'samples/hello'), { recursive: true });
  for (const file of ['hello.c', 'Dockerfile']) await cp(join(REPO, 'samples/hello', file), join(checkout, 'samples/hello', file));
  const bin = join(work, 'bin');
  await mkdir(bin);
  await symlink(join(REPO, 'bin/wasmctl'), join(bin, 'wasmctl'));
  const buildah = (await execa('sh', ['-c', 'command -v buildah'])).stdout.trim();
  await writeFile(
    join(bin, 'buildah'),
    `#!/bin/sh\nexec ${buildah} --root ${join(work, 'buildah/storage')} --runroot ${join(work, 'buildah/run')} --storage-driver vfs "$@"\n`,
  );
  await chmod(join(bin, 'buildah'), 0o755);

  const r = await execa('sh', ['-e', '-x', '-c', script], {
    cwd: checkout,
    env: { PATH: `${bin}:${process.env.PATH ?? ''}`, WASMCTL_ROOT: join(work, 'store') },
    reject: false,
    all: true,
    stdin: 'ignore',
    timeout: 240_000,
  });
  assert.equal(r.exitCode, 0, r.all);
  assert.match(r.stdout, /^Tagged docker\.io\/library\/hello:v1$/m);
  assert.match(r.stdout, /^Hello from WebAssembly!\narg\[1\]=a\narg\[2\]=b$/m);
  assert.match(r.stdout, /^Hi from WebAssembly!\narg\[1\]=--verbose$/m);
});
