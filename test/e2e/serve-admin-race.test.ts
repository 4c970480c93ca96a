/**
 * No admin call can crash `wasmctl serve`: 200 concurrent install/update/uninstall/list calls on one
 * id, plus installs of a non-Wasm file and of an image that does not exist, while another function
 * keeps answering; afterwards the server is up and /wasm/list says exactly what serves.
 */
import assert from 'node:assert/strict';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildModules, modulePath } from '../modules/harness.js';
import { startServe } from '../support/serve.js';

test('200 concurrent admin calls on one id while traffic flows: the server stays up and the list stays true', async () => {
  await buildModules();
  const work = await mkdtemp(join(tmpdir(), 'wasmctl-admin-race-'));
  const notWasm = join(work, 'notes.wasm');
  await writeFile(notWasm, 'plain text, not a module\n');
  const { serve, gateway, admin } = await startServe([`steady=${modulePath('serve-no-wasi')}`], { root: join(work, 'store') });
  try {
    const call = (path: string, body?: object) =>
      fetch(`http://${admin}${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }).then(async (r) => ({
        status: r.status,
        text: await r.text(),
      }));
    const hit = (id: string) =>
      fetch(`http://${gateway}/`, { headers: { id } }).then(async (r) => ({ status: r.status, text: await r.text() }));

    let traffic = true;
    const steadyAnswers: number[] = [];
    const steady = (async () => {
      while (traffic) steadyAnswers.push((await hit('steady')).status);
    })();

    const path = modulePath('serve-no-wasi');
    const ops = Array.from({ length: 200 }, (_, i) => {
      switch (i % 5) {
        case 0:
          return call('/wasm/install', { name: 'racy', instance_num: 1 + (i % 3), vm_config: { path } });
        case 1:
          return call('/wasm/update', { name: 'racy', instance_num: 1 + (i % 4) });
        case 2:
          return call('/wasm/uninstall', { name: 'racy' });
        case 3:
          return call('/wasm/list');
        default:
          return call(
            '/wasm/install',
            i % 2 ? { name: `bad-${i}`, vm_config: { path: notWasm } } : { name: `gone-${i}`, image: '127.0.0.1:1/none:v1' },
          );
      }
    });
    const answers = await Promise.all(ops);
    traffic = false;
    await steady;

    assert.ok(
      answers.every((a) => a.status === 200 || a.status === 500),
      'every call got an answer',
    );
    assert.ok(
      answers.filter((a, i) => i % 5 === 4).every((a) => a.status === 500 && /error/.test(a.text)),
      'bad installs are refused',
    );
    assert.ok(
      steadyAnswers.length > 0 && steadyAnswers.every((s) => s === 200),
      `steady answered ${[...new Set(steadyAnswers)].join(',')}`,
    );
    assert.equal(serve.exitCode, null, 'serve is still running');

    const listed = (JSON.parse((await call('/wasm/list')).text) as Array<{ id: string }>).map((f) => f.id).sort();
    assert.ok(listed.includes('steady'));
    assert.ok(
      listed.every((id) => id === 'steady' || id === 'racy'),
      listed.join(','),
    );
    // What the list says is what serves: racy answers exactly when it is listed.
    assert.equal((await hit('racy')).status, listed.includes('racy') ? 200 : 404);
  } finally {
    serve.kill('SIGTERM');
    await serve;
    await rm(work, { recursive: true, force: true });
  }
});
