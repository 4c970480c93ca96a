/**
 * A module importing host functions runs on the calling thread when the host answers them at once
 * (`hostCalls.answerNow`: Layotto's embedded in-memory components), with the Worker's outcomes;
 * when one of them needs I/O, or the host cannot say, it runs on a Worker as before. The stops
 * (--timeout, signals, which end the process) are test/e2e/run-inline-host-calls's.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { buildModules, capture, modulePath, request } from '../../modules/harness.js';
import { layottoHostCalls, type HostCalls } from '../../../runtime-bridge/index.js';
import { Components, DEMO_CONFIG } from '../../../runtime-bridge/sidecar/index.js';

before(() => buildModules());

const stopLine = (message: string): string => `wasmctl: ${message}\n`;

/** state-ops with `args`, inline, its host calls counted by the way they were answered. */
async function stateOps(args: string[], hostCalls: HostCalls) {
  const counted = { handled: 0, answered: 0 };
  const r = await capture(
    request({
      argv: ['state-ops.wasm', ...args],
      modulePath: modulePath('state-ops'),
      inline: { stopLine, parentTakesSignals: true },
      hostCalls: {
        ...hostCalls,
        handle: (method, payload) => (counted.handled++, hostCalls.handle(method, payload)),
        ...(hostCalls.answerNow && {
          answerNow: async (imports: string[]) => {
            const host = await hostCalls.answerNow!(imports);
            return host && { ...host, answer: (method: string, payload: Uint8Array) => (counted.answered++, host.answer(method, payload)) };
          },
        }),
      },
    }),
  );
  return { ...r, ...counted };
}

const embedded = () =>
  layottoHostCalls(
    async () => new Components(DEMO_CONFIG),
    () => undefined,
  ).hostCalls;

test('the embedded in-memory store answers on this thread: the Worker channel is never used', async () => {
  const r = await stateOps(['save:state_demo:k:v1', 'get:state_demo:k', 'get:state_demo:none'], embedded());
  assert.deepEqual(r.outcome, { kind: 'exited', exitCode: 0 });
  assert.equal(r.stdout, 'save 0\nget 0 v1\nget 1\n');
  assert.deepEqual([r.answered, r.handled], [3, 0]);
});

test("the module's exit code stands", async () => {
  const r = await stateOps(['save:state_demo:k:v', 'exit:7'], embedded());
  assert.deepEqual(r.outcome, { kind: 'exited', exitCode: 7 });
  assert.equal(r.stdout, 'save 0\n');
});

test('a trap after host calls is a 134 naming the function', async () => {
  const r = await stateOps(['save:state_demo:k:v', 'trap'], embedded());
  assert.deepEqual(r.outcome, { kind: 'trapped', exitCode: 134, message: 'wasm trap: unreachable in main' });
  assert.equal(r.stdout, 'save 0\n');
});

test('an unknown store is status 2 for the module and one line for the user, as on a Worker', async () => {
  const lines: string[] = [];
  const runtime = layottoHostCalls(
    async () => new Components(DEMO_CONFIG),
    (line) => lines.push(line),
  );
  const r = await stateOps(['get:nosuch:k'], runtime.hostCalls);
  assert.equal(r.stdout, 'get 2\n');
  assert.equal(r.answered, 1);
  assert.match(lines.join('\n'), /^host call GetState failed: state store "nosuch" is not configured/);
});

test('a store that needs I/O (redis) sends the module to a Worker, its calls answered by handle', async () => {
  const components = new Components(
    { state: { state_demo: { type: 'redis', metadata: { redisHost: '127.0.0.1:1' } } } },
    { warn: () => undefined },
  );
  assert.equal(components.answersAtOnce('GetState'), false);
  const runtime = layottoHostCalls(
    async () => components,
    () => undefined,
  );
  const r = await stateOps(['exit:3'], runtime.hostCalls);
  await runtime.close();
  assert.deepEqual(r.outcome, { kind: 'exited', exitCode: 3 });
  assert.equal(r.answered, 0);
});

test('a host without answerNow keeps the Worker', async () => {
  const r = await stateOps(['save:state_demo:k:v'], {
    imports: ['proxy_get_state', 'proxy_save_state'],
    handle: () => ({ status: 0, data: new Uint8Array() }),
  });
  assert.equal(r.stdout, 'save 0\n');
  assert.deepEqual([r.answered, r.handled], [0, 1]);
});

test('a connection that cannot open answers InternalFailure at once, on this thread', async () => {
  const runtime = layottoHostCalls(
    () => Promise.reject(new Error('no config')),
    () => undefined,
  );
  const r = await stateOps(['get:state_demo:k'], runtime.hostCalls);
  assert.equal(r.stdout, 'get 10\n');
  assert.deepEqual([r.answered, r.handled], [1, 0]);
});
