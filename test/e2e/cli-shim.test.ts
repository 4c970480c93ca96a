/**
 * The CLI contract through containerd's shim (issue 11): `ctr run --env` over an image's ENV, each
 * name seen once; and `ctr run … | head -1` on an endless writer: the task exits 141, as a native
 * process dies of SIGPIPE.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { execa } from 'execa';
import { type Builder, startBuilder } from '../support/buildah.js';
import { type Containerd, startContainerd, WASMCTL_RUNTIME } from '../support/containerd.js';
import { buildModules, modulePath } from '../modules/harness.js';

let ctrd: Containerd;
let builder: Builder;

async function image(tag: string, dockerfile: string, files: Record<string, string>): Promise<string> {
  const contents = Object.fromEntries(await Promise.all(Object.entries(files).map(async ([n, path]) => [n, await readFile(path)])));
  await builder.build(tag, dockerfile, contents);
  await ctrd.importBuilt(builder, tag);
  return tag;
}

before(async () => {
  await buildModules();
  ctrd = await startContainerd();
  builder = await startBuilder();
});

after(async () => {
  await ctrd?.stop();
  await builder?.stop();
});

test('ctr run --env overrides the image ENV by name: the module sees each name once', async () => {
  const tag = await image(
    'localhost/cli-shim/env:v1',
    'FROM scratch\nCOPY hello.wasm /hello.wasm\nENV GREETING=image OTHER=kept\nENTRYPOINT ["/hello.wasm"]\n',
    {
      'hello.wasm': modulePath('hello'),
    },
  );
  const r = await ctrd.ctr(['run', '--rm', '--runtime', WASMCTL_RUNTIME, '--env', 'GREETING=cli', tag, 'cli-shim-env']);
  assert.equal(r.exitCode, 0, r.all);
  const env = r.stdout.split('\n').filter((l) => l.startsWith('env '));
  assert.deepEqual(
    env.filter((l) => l.startsWith('env GREETING=')),
    ['env GREETING=cli'],
  );
  assert.ok(env.includes('env OTHER=kept'), env.join('\n'));
});

test('ctr run | head -1 on an endless writer: the task exits 141 within a second', async () => {
  // ctr proxies signals only once the task has started: a writer faster than that makes head exit
  // before, and ctr itself dies of the SIGPIPE it would have forwarded (with runc too). 500 ms of
  // quiet first lets this test what the shim does with the SIGPIPE ctr forwards.
  const tag = await image('localhost/cli-shim/yes:v1', 'FROM scratch\nCOPY yes.wasm /yes.wasm\nENTRYPOINT ["/yes.wasm", "500"]\n', {
    'yes.wasm': modulePath('yes-forever'),
  });
  const id = 'cli-shim-yes';
  const events = execa('ctr', ['--address', ctrd.address, 'events'], { reject: false, buffer: true });
  const exited = new Promise<{ status: number; at: number }>((resolve) => {
    let seen = '';
    events.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = new RegExp(`/tasks/exit \\{[^\\n]*"container_id":"${id}"[^\\n]*"exit_status":(\\d+)`).exec(seen);
      if (match) resolve({ status: Number(match[1]), at: Date.now() });
    });
  });
  const ctr = `ctr --address '${ctrd.address}' -n '${ctrd.namespace}' run --rm --runtime ${WASMCTL_RUNTIME} ${tag} ${id}`;
  const pipeline = await execa('bash', ['-c', `${ctr} | head -1`], { timeout: 30_000, reject: false });
  const headDone = Date.now();
  assert.equal(pipeline.stdout, 'y');
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no /tasks/exit event within 10 s')), 10_000));
  const { status, at } = await Promise.race([exited, timeout]);
  events.kill();
  await events;
  assert.equal(status, 141);
  assert.ok(at - headDone < 1000, `the task ended ${at - headDone} ms after head`);
  // ctr died of SIGPIPE before its --rm: the stopped container is left to delete.
  await ctrd.ctr(['task', 'delete', id]);
  await ctrd.ctr(['container', 'delete', id]);
});
