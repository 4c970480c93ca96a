/**
 * A component image under containerd (issue 15): `ctr run --runtime io.containerd.wasmctl.v1` of a
 * FROM-scratch image whose entry is a WASI 0.2 component made by `jco new`, against a real
 * containerd started by the test.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type Builder, startBuilder } from '../support/buildah.js';
import { componentize } from '../support/component.js';
import { startContainerd, WASMCTL_RUNTIME, type Containerd } from '../support/containerd.js';
import { buildModules, modulePath } from '../modules/harness.js';

const TAG = 'localhost/shim-test/component:v1';
let ctrd: Containerd;
let builder: Builder;
let work: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-shim-component-'));
  await buildModules();
  const hello = await componentize(modulePath('hello'), join(work, 'hello.component.wasm'));
  const exit3 = await componentize(modulePath('exit3'), join(work, 'exit3.component.wasm'));
  ctrd = await startContainerd();
  builder = await startBuilder();
  await builder.build(
    TAG,
    'FROM scratch\nCOPY bin/ /bin/\nCOPY greeting.txt /etc/greeting.txt\nENV GREETING=Hi\nENTRYPOINT ["/bin/hello.component.wasm", "from-image"]\n',
    {
      'bin/hello.component.wasm': await readFile(hello),
      'bin/exit3.component.wasm': await readFile(exit3),
      'greeting.txt': 'hi from the image\n',
    },
  );
  await ctrd.importBuilt(builder, TAG);
});

after(async () => {
  await ctrd?.stop();
  await builder?.stop();
  await rm(work, { recursive: true, force: true });
});

test('ctr run of a component image prints its output with the image args, env and files', async () => {
  const r = await ctrd.ctr(['run', '--rm', '--runtime', WASMCTL_RUNTIME, TAG, 'component-1']);
  assert.equal(r.exitCode, 0, r.all);
  assert.match(r.stdout, /^hello from wasm\r?\narg\[0\]=\/bin\/hello\.component\.wasm\r?\narg\[1\]=from-image$/m);
  assert.match(r.stdout, /^env GREETING=Hi$/m);
  assert.match(r.stdout, /^file hi from the image$/m);
});

test('its exit status is the task exit status', async () => {
  const r = await ctrd.ctr(['run', '--rm', '--runtime', WASMCTL_RUNTIME, TAG, 'component-2', '/bin/exit3.component.wasm']);
  assert.equal(r.exitCode, 1, r.all); // exit(3) through the preview 1 adapter is wasi:cli/exit's err
});
