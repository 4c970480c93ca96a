// The host-call channel end to end: a C module calls env.host_echo, the main thread answers.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { buildModules, capture, modulePath, request } from '../../modules/harness.js';
import type { HostCalls } from '../../../runtime-bridge/index.js';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

before(() => buildModules());

const hostEcho = (argv: string[], handle: HostCalls['handle'], over: Partial<HostCalls> = {}) =>
  capture(
    request({
      argv: ['host-echo.wasm', ...argv],
      modulePath: modulePath('host-echo'),
      hostCalls: { imports: ['host_echo'], handle, ...over },
    }),
  );

test('the module calls the host synchronously and gets bytes and a status back', async () => {
  const seen: string[] = [];
  const r = await hostEcho(['hello host'], async (method, payload) => {
    seen.push(`${method}:${decoder.decode(payload)}`);
    await new Promise((resolve) => setTimeout(resolve, 20)); // a real async answer
    return { status: 0, data: encoder.encode(`echo ${decoder.decode(payload)}`) };
  });
  assert.deepEqual(r.outcome, { kind: 'exited', exitCode: 0 });
  assert.equal(r.stdout, 'status 0 reply echo hello host\n');
  assert.deepEqual(seen, ['host_echo:hello host']);
});

test('payloads and replies larger than the shared buffer travel intact', async () => {
  const big = 'x'.repeat(100_000);
  const r = await hostEcho([big], (_method, payload) => ({ status: 0, data: new Uint8Array([...payload, ...payload]) }));
  assert.deepEqual(r.outcome, { kind: 'exited', exitCode: 0 });
  assert.equal(r.stdout, `status 0 reply ${big}${big}\n`);
});

test('a handler that throws answers status -1 with its message', async () => {
  const r = await hostEcho(['boom'], () => {
    throw new Error('state store unavailable');
  });
  assert.deepEqual(r.outcome, { kind: 'exited', exitCode: 1 });
  assert.equal(r.stdout, 'status -1 reply state store unavailable\n');
});

test('a handler that never answers hits the deadline: the run fails with one line', async () => {
  const r = await hostEcho(['slow'], () => new Promise(() => undefined), { deadlineMs: 300 });
  assert.deepEqual(r.outcome, {
    kind: 'failed',
    exitCode: 125,
    message: 'host call host_echo got no answer within 300 ms',
    errorKind: 'DeadlineExceeded',
  });
});

test('without hostCalls the import is refused at start, by name', async () => {
  const r = await capture(request({ argv: ['host-echo.wasm'], modulePath: modulePath('host-echo') }));
  assert.deepEqual(r.outcome, {
    kind: 'failed',
    exitCode: 126,
    message: 'module imports env.host_echo, which wasmctl does not provide',
    errorKind: 'Unimplemented',
  });
});

// The rate is a benchmark (bench/host-calls.ts), not a timed test: here, many calls in a row all arrive.
test('100,000 round trips in a row are each answered', async () => {
  const answers = new Map([['ping', encoder.encode('pong')]]);
  let served = 0;
  const r = await hostEcho(['ping', '100000'], (_m, payload) => {
    served++;
    return { status: 0, data: answers.get(decoder.decode(payload)) ?? new Uint8Array() };
  });
  assert.deepEqual(r.outcome, { kind: 'exited', exitCode: 0 });
  assert.equal(r.stdout, 'status 0 reply pong\n');
  assert.equal(served, 100_000);
});
