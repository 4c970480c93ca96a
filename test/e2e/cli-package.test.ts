/**
 * wasmctl as npm ships it: `npm pack`, then `npm install -g` of the tarball into a clean prefix
 * (its dependencies from a loopback registry holding the versions package-lock.json pins), then
 * the bare `wasmctl` and the shim that containerd finds on PATH; and the library API imported by
 * a program in a folder outside the repository, types included.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { execa } from 'execa';
import { startContainerd, shimServerPids, WASMCTL_RUNTIME, type Containerd } from '../support/containerd.js';
import { startNpmRegistry, type NpmRegistry } from '../support/npm-registry.js';
import { REPO } from '../support/repo.js';

let work: string;
let registry: NpmRegistry;
let tarball: string;
let prefix: string;
let ctrd: Containerd | undefined;

const npm = (args: string[], cwd: string) =>
  execa('npm', [...args, '--registry', registry.url, '--no-audit', '--no-fund', '--no-update-notifier'], {
    cwd,
    all: true,
    reject: false,
    timeout: 240_000,
  });

before(async () => {
  assert.ok(existsSync(join(REPO, 'dist/bundle/wasmctl.js')) && existsSync(join(REPO, 'dist/api/index.d.ts')), 'npm run build first');
  work = await mkdtemp(join(tmpdir(), 'wasmctl-package-'));
  registry = await startNpmRegistry();
  // The build is the one under test: `prepare` need not run it again.
  const pack = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: REPO });
  tarball = join(work, (JSON.parse(pack.stdout) as Array<{ filename: string }>)[0]?.filename as string);
  prefix = join(work, 'prefix');
  const install = await npm(['install', '--global', '--prefix', prefix, tarball], work);
  assert.equal(install.exitCode, 0, install.all);
});

after(async () => {
  await ctrd?.stop();
  await registry?.stop();
  await rm(work, { recursive: true, force: true });
});

test('installed globally from the packed tarball, the bare `wasmctl` runs the sample', async () => {
  const installed = join(prefix, 'lib/node_modules/wasmctl');
  const r = await execa('wasmctl', ['run', join(installed, 'samples/hello/hello-oci.tar'), 'a'], {
    env: { PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}`, WASMCTL_ROOT: join(work, 'store') },
    reject: false,
    cwd: work,
  });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout, 'Hello from WebAssembly!\narg[1]=a');
  const version = await execa(join(prefix, 'bin/wasmctl'), ['version', '--json'], { cwd: work });
  assert.equal(
    (JSON.parse(version.stdout) as { version: string }).version,
    (JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as { version: string }).version,
  );
});

test('containerd finds the installed shim on PATH and runs the sample through it', async () => {
  const shim = join(prefix, 'bin/containerd-shim-wasmctl-v1');
  assert.equal(await readlink(shim), '../lib/node_modules/wasmctl/bin/containerd-shim-wasmctl-v1');
  // PATH without the checkout's bin/: the only shim containerd can find is the installed one.
  ctrd = await startContainerd({ env: { PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}` } });
  await ctrd.importArchive(join(REPO, 'samples/hello/hello-oci.tar'));
  const images = await ctrd.ctr(['images', 'ls', '-q']);
  const ref = images.stdout.split('\n').find((line) => line.includes('hello'));
  assert.ok(ref, images.all);
  const r = await ctrd.ctr(['run', '--rm', '--runtime', WASMCTL_RUNTIME, ref, 'pkg-hello']);
  assert.equal(r.exitCode, 0, r.all);
  assert.equal(r.stdout, 'Hello from WebAssembly!');
  const servers = await shimServerPids(ctrd.shimDir);
  assert.ok(servers.length > 0, 'a shim server is running');
  for (const pid of servers) {
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
    assert.ok(cmdline.includes(join(prefix, 'lib/node_modules/wasmctl')), cmdline);
  }
});

test('the library API, imported from a folder outside the repository, with its types', async () => {
  const app = join(work, 'app');
  await mkdir(app);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  const install = await npm(['install', tarball], app);
  assert.equal(install.exitCode, 0, install.all);
  const sample = join(app, 'node_modules/wasmctl/samples/hello/hello-oci.tar');
  await writeFile(
    join(app, 'main.ts'),
    `import { run, openStore, serve, type RunResult } from 'wasmctl';
const root = process.argv[2] as string;
const result: RunResult = await run(${JSON.stringify(sample)}, { args: ['x'], env: { GREETING: 'Hey' }, timeout: '10s', root });
const image = await openStore(root).resolve('oci-archive:${sample}');
const gateway = await serve({ functions: [], listen: '127.0.0.1:0', admin: '127.0.0.1:0', root });
const answer = await fetch(\`http://\${gateway.gateway}/\`, { headers: { id: 'nope' } });
await gateway.close();
console.log(JSON.stringify({ exitCode: result.exitCode, stdout: String(result.stdout), entrypoint: image.config.entrypoint, status: answer.status }));
`,
  );
  const tsc = await execa(
    join(REPO, 'node_modules/.bin/tsc'),
    [
      '--noEmit',
      '--strict',
      '--skipLibCheck',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2022',
      '--types',
      'node',
      '--typeRoots',
      join(REPO, 'node_modules/@types'),
      'main.ts',
    ],
    { cwd: app, reject: false, all: true },
  );
  assert.equal(tsc.exitCode, 0, tsc.all);
  // The same program as plain JavaScript: type annotations off, run by node from the app folder.
  const js = (await readFile(join(app, 'main.ts'), 'utf8'))
    .replace(', type RunResult', '')
    .replace(': RunResult', '')
    .replace(' as string', '');
  await writeFile(join(app, 'main.mjs'), js);
  const r = await execa('node', ['main.mjs', join(work, 'lib-store')], { cwd: app, reject: false, all: true });
  assert.equal(r.exitCode, 0, r.all);
  assert.deepEqual(JSON.parse(r.stdout.split('\n').at(-1) as string), {
    exitCode: 0,
    stdout: 'Hey from WebAssembly!\narg[1]=x\n',
    entrypoint: ['/hello.wasm'],
    status: 404,
  });
});
