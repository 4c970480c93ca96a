/**
 * The native addon's fds and Node's: Node closes the fds a Worker opened with fs.openSync when the
 * Worker exits, and knows nothing of the addon's. So every fd is opened and closed by one side
 * (a mount's fd opened by Node but closed by the addon was closed twice, and the second close hit
 * whatever fd the process had reused the number for), and the addon closes what it still holds
 * when a Worker is torn down: a module stopped mid-run (--timeout, kill) leaks no host fd.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, test } from 'node:test';
import { buildModules, capture, modulePath, request, sandbox, type Sandbox } from '../../modules/harness.js';

let data: Sandbox;
before(async () => {
  await buildModules();
  data = await sandbox();
  data.write({ 'a.txt': 'a', 'sub/b.txt': 'b' });
});
after(() => data.cleanup());

const openFds = (): number => fs.readdirSync('/proc/self/fd').length;

async function settled(): Promise<number> {
  // A terminated Worker's environment is torn down just after its exit is reported.
  await new Promise((resolve) => setTimeout(resolve, 200));
  return openFds();
}

test('a module stopped by --timeout leaves none of its mount and folder fds open', async () => {
  const mounts = [{ hostPath: data.dir, guestPath: '/data', readOnly: false }];
  await capture(request({ argv: ['loop.wasm'], modulePath: modulePath('loop'), mounts, limits: { timeoutMs: 500 } }));
  const baseline = await settled();
  for (let i = 0; i < 3; i++) {
    const r = await capture(request({ argv: ['loop.wasm'], modulePath: modulePath('loop'), mounts, limits: { timeoutMs: 500 } }));
    assert.equal(r.outcome.kind, 'timeout');
  }
  assert.equal(await settled(), baseline);
});

test('modules that open files in a mount, one Worker after another, close each fd once', async () => {
  const mounts = [{ hostPath: data.dir, guestPath: '/data', readOnly: false }];
  const argv = ['wasi-paths.wasm', 'open:/data/a.txt', 'open:/data/sub/b.txt', 'stat:/data/sub/b.txt'];
  const baseline = openFds();
  for (let i = 0; i < 10; i++) {
    // Each run's files are read back through fresh fds: one closed twice would break the read.
    const r = await capture(request({ argv, modulePath: modulePath('wasi-paths'), mounts }));
    assert.equal(r.stdout, 'open:/data/a.txt: ok a\nopen:/data/sub/b.txt: ok b\nstat:/data/sub/b.txt: ok\n');
  }
  assert.equal(await settled(), baseline);
});
