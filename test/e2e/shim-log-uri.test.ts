/**
 * The shim under a real containerd 1.6: `ctr run --log-uri` with containerd's two log URIs, as
 * runc's shim serves them, and the shim folder (WASMCTL_SHIM_DIR) left empty once the last
 * container is gone and after a shared server was killed.
 */
import assert from 'node:assert/strict';
import { appendFile, chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { after, before, test } from 'node:test';
import { execa } from 'execa';
import { startBuilder, type Builder } from '../support/buildah.js';
import { REPO } from '../support/repo.js';
import { shimServerPids, startContainerd, WASMCTL_RUNTIME, type Containerd } from '../support/containerd.js';
import { until } from '../support/until.js';

const MODULES = join(REPO, 'test/modules/build');
const IDLE_MS = 1500;

let ctrd: Containerd;
let builder: Builder;
const images: Record<string, string> = {};

/** A FROM-scratch image of one module run as `cmd`, in containerd: its tag. */
async function image(module: string, cmd: string[]): Promise<string> {
  const name = basename(module);
  const tag = `localhost/shim-log/${name.replace('.wasm', '')}:v1`;
  await builder.build(tag, `FROM scratch\nCOPY ${name} /${name}\nCMD ${JSON.stringify([`/${name}`, ...cmd])}\n`, {
    [name]: await readFile(module),
  });
  await ctrd.importBuilt(builder, tag);
  return tag;
}

before(async () => {
  [ctrd, builder] = await Promise.all([
    startContainerd({ env: { WASMCTL_SHIM_IDLE_MS: String(IDLE_MS) } }),
    startBuilder(),
    execa('bash', [join(REPO, 'scripts/build-test-modules.sh')]),
  ]);
  images.hello = await image(join(REPO, 'samples/hello/hello.wasm'), ['logged']);
  images.exit3 = await image(join(MODULES, 'exit3.wasm'), []);
  images.loop = await image(join(MODULES, 'loop.wasm'), []);
});

after(async () => {
  await ctrd?.stop();
  await builder?.stop();
});

const run = (name: string, id: string, flags: string[]) =>
  ctrd.ctr(['run', '--rm', '--runtime', WASMCTL_RUNTIME, ...flags, images[name]!, id]);

test('--log-uri file:///… appends stdout and stderr to the file, which need not exist yet', async () => {
  const log = join(ctrd.dir, 'logs/sub/task.log');
  const hello = await run('hello', 'log-file-hello', ['--log-uri', `file://${log}`]);
  assert.equal(hello.exitCode, 0, hello.all);
  assert.equal(hello.stdout, '', 'the output went to the file, not to ctr');
  const failing = await run('exit3', 'log-file-exit3', ['--log-uri', `file://${log}`]);
  assert.equal(failing.exitCode, 3, failing.all);
  assert.equal(await readFile(log, 'utf8'), 'Hello from WebAssembly!\narg[1]=logged\nabout to exit 3\n');
});

test("--log-uri binary:///logger?… runs the logger with containerd's fds 3, 4 and 5, args and environment", async () => {
  const dir = join(ctrd.dir, 'logger');
  const logger = join(dir, 'logger.sh');
  await execa('mkdir', ['-p', dir]);
  // Copies fds 3 and 4 to the files its arguments name, says it is ready by closing fd 5 (which
  // its copies must not inherit).
  await writeFile(
    logger,
    '#!/bin/sh\n' +
      'cat <&3 >"$2" 5>&- &\n' +
      'cat <&4 >"$4" 5>&- &\n' +
      'exec 5>&-\n' +
      'printf "%s\\n" "$#" "$CONTAINER_ID" "$CONTAINER_NAMESPACE" "${WASMCTL_SHIM_DIR-unset}" >"$2.env"\n' +
      'wait\n',
  );
  await chmod(logger, 0o755);
  const [out, err] = [join(dir, 'out'), join(dir, 'err')];
  const uri = `binary://${logger}?stdout=${out}&stderr=${err}`;
  const hello = await run('hello', 'log-binary-hello', ['--log-uri', uri]);
  assert.equal(hello.exitCode, 0, hello.all);
  assert.equal(hello.stdout, '');
  // Delete waits for the logger to drain its pipes and exit: the files are complete when ctr returns.
  assert.equal(await readFile(out, 'utf8'), 'Hello from WebAssembly!\narg[1]=logged\n');
  assert.equal(await readFile(`${out}.env`, 'utf8'), `4\nlog-binary-hello\n${ctrd.namespace}\nunset\n`);
  const failing = await run('exit3', 'log-binary-exit3', ['--log-uri', uri]);
  assert.equal(failing.exitCode, 3, failing.all);
  assert.equal(await readFile(err, 'utf8'), 'about to exit 3\n');
  assert.equal(await readFile(out, 'utf8'), '');
});

test('a log URI the shim cannot serve fails ctr run with a clear error', async () => {
  const missing = await run('hello', 'log-missing', ['--log-uri', 'binary:///nonexistent/logger']);
  assert.notEqual(missing.exitCode, 0);
  assert.match(missing.all, /logger \/nonexistent\/logger: ENOENT/);
  const unknown = await run('hello', 'log-unknown', ['--log-uri', 'tcp://127.0.0.1:1']);
  assert.notEqual(unknown.exitCode, 0);
  assert.match(unknown.all, /unknown STDIO scheme tcp/);
  for (const id of ['log-missing', 'log-unknown']) await ctrd.ctr(['container', 'delete', id]);
});

test('the shim folder is empty once the last container is gone and the shared server idled out', async () => {
  assert.equal((await run('hello', 'clean-1', [])).exitCode, 0);
  assert.ok((await readdir(ctrd.shimDir)).length > 0, 'a warm server has its socket there');
  await until('idle exit', async () => ((await shimServerPids(ctrd.shimDir)).length === 0 ? true : undefined), IDLE_MS + 10_000);
  assert.deepEqual(await readdir(ctrd.shimDir), []);
});

test("a killed server leaves nothing behind: containerd's delete of its task clears its files, its log to containerd's", async () => {
  assert.equal((await ctrd.ctr(['run', '-d', '--runtime', WASMCTL_RUNTIME, images.loop!, 'killed-server'])).exitCode, 0);
  const [server] = await shimServerPids(ctrd.shimDir);
  assert.ok(server);
  const left = await readdir(ctrd.shimDir);
  assert.ok(left.some((f) => f.endsWith('.pid')) && left.some((f) => f.endsWith('.lease')), left.join(' '));
  // As the server's own last words would be: its stderr is this file.
  await appendFile(
    join(
      ctrd.shimDir,
      left.find((f) => f.endsWith('.log'))!,
    ),
    'wasmctl shim: last words\n',
  );
  process.kill(server, 'SIGKILL');
  await until(
    'the task to go',
    async () => {
      const { stdout } = await ctrd.ctr(['task', 'ls', '-q']);
      return stdout.includes('killed-server') ? undefined : true;
    },
    10_000,
  );
  // ctr stops listing a task whose server is gone before containerd's delete has run: wait for that too.
  await until('the shim folder to empty', async () => ((await readdir(ctrd.shimDir)).length === 0 ? true : undefined), 10_000).catch(
    async (err: Error) => {
      throw new Error(
        `${err.message}: ${(await readdir(ctrd.shimDir)).join(' ')}\n${ctrd
          .log()
          .split('\n')
          .filter((l) => /killed-server|shim|cleanup/.test(l))
          .slice(-15)
          .join('\n')}`,
      );
    },
  );
  // containerd logs delete's stderr once delete has returned, so a moment after the folder emptied.
  await until(
    "what the server wrote in containerd's log",
    async () => (/cleanup warnings wasmctl shim: last words/.test(ctrd.log()) ? true : undefined),
    5000,
  );
  assert.equal((await ctrd.ctr(['container', 'delete', 'killed-server'])).exitCode, 0);
  // And the next container gets a fresh server, as if none had been there.
  assert.equal((await run('hello', 'after-kill', [])).exitCode, 0);
});
