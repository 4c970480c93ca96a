/**
 * `inline`: a core module on the calling thread, as `wasmctl run` runs it. Its outcomes are the
 * Worker's, failures keep their kind, and what it cannot run here (host functions, wasmer) still
 * runs, on a Worker. The stops (signals, --timeout, which end the process) are test/e2e/run-stop's.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { before, test } from 'node:test';
import { buildModules, capture, modulePath, request } from '../../modules/harness.js';
import { runModule } from '../../../runtime-bridge/index.js';

before(() => buildModules());

const stopLine = (message: string): string => `wasmctl: ${message}\n`;
const inline = (name: string, over: Parameters<typeof request>[0] extends infer R ? Partial<R> : never = {}) =>
  request({ argv: [`${name}.wasm`], modulePath: modulePath(name), inline: { stopLine, parentTakesSignals: true }, ...over });

test('the module has ended when runModule returns: it ran on this thread', async () => {
  const devNull = fs.openSync('/dev/null', 'w');
  try {
    const running = runModule({ ...inline('hello'), stdio: { stdin: null, stdout: devNull, stderr: devNull } });
    let settled = false;
    void running.done.then(() => (settled = true));
    // A Worker's outcome comes in a message, never within this microtask.
    await null;
    assert.ok(settled);
    assert.deepEqual(await running.done, { kind: 'exited', exitCode: 0 });
  } finally {
    fs.closeSync(devNull);
  }
});

test('what the module writes, it writes to the fds given', async () => {
  const r = await capture(inline('hello'));
  assert.match(r.stdout, /^hello from wasm\n/);
});

test('a trap is a 134 naming the function, as on a Worker', async () => {
  const r = await capture(inline('trap'));
  assert.equal(r.outcome.kind, 'trapped');
  assert.equal(r.outcome.exitCode, 134);
  assert.match('message' in r.outcome ? r.outcome.message : '', /^wasm trap: unreachable in crash_here$/);
});

test('an import nothing provides: 126, kind Unimplemented', async () => {
  const r = await capture(inline('unknown-import'));
  assert.deepEqual(r.outcome, {
    kind: 'failed',
    exitCode: 126,
    message: 'module imports env.foo, which wasmctl does not provide',
    errorKind: 'Unimplemented',
  });
});

test('a missing entry: 127, kind NotFound', async () => {
  const r = await capture(inline('hello', { modulePath: '/nonexistent/hello.wasm' }));
  assert.deepEqual(r.outcome, { kind: 'failed', exitCode: 127, message: 'module hello.wasm not found', errorKind: 'NotFound' });
});

test('with a timeout, the watchdog is armed and let go when the module returns first', async () => {
  const r = await capture(inline('hello', { limits: { timeoutMs: 60_000 }, inline: { stopLine, parentTakesSignals: false } }));
  assert.deepEqual(r.outcome, { kind: 'exited', exitCode: 0 });
});

test('a module importing host functions runs on a Worker, its calls answered here', async () => {
  const r = await capture(
    inline('host-echo', {
      hostCalls: { imports: ['host_echo'], handle: (_method, payload) => ({ status: 0, data: payload }) },
    }),
  );
  assert.equal(r.outcome.kind, 'exited', r.stderr);
});
