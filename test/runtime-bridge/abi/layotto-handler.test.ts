import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layottoHandler } from '../../../runtime-bridge/abi/layotto-handler.js';
import { decodeParts, encodeParts } from '../../../runtime-bridge/abi/payload.cjs';
import { AbiStatus } from '../../../runtime-bridge/abi/status.cjs';
import { Components, DEMO_CONFIG } from '../../../runtime-bridge/sidecar/index.js';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

function handlerWithLog() {
  const lines: string[] = [];
  const components = new Components(DEMO_CONFIG);
  return { handle: layottoHandler(components, (line) => lines.push(line)), lines, components };
}

test('payload codec round-trips strings and bytes, empty ones included', () => {
  const parts = decodeParts(encodeParts(['state_demo', '', new Uint8Array([0, 255, 7])]));
  assert.deepEqual(
    parts.map((p) => [...p]),
    [[...Buffer.from('state_demo')], [], [0, 255, 7]],
  );
  assert.throws(() => decodeParts(new Uint8Array([9, 0, 0, 0, 1])), /truncated/);
});

test('GetState answers NotFound for a missing key and the value once SaveState stored it', async () => {
  const { handle } = handlerWithLog();
  const missing = await handle('GetState', encodeParts(['state_demo', 'book1']));
  assert.equal(missing.status, AbiStatus.NotFound);
  assert.equal((await handle('SaveState', encodeParts(['state_demo', 'book1', '100']))).status, AbiStatus.Ok);
  const found = await handle('GetState', encodeParts(['state_demo', 'book1']));
  assert.equal(found.status, AbiStatus.Ok);
  assert.equal(text(found.data), '100');
  assert.equal((await handle('DeleteState', encodeParts(['state_demo', 'book1']))).status, AbiStatus.Ok);
  assert.equal((await handle('GetState', encodeParts(['state_demo', 'book1']))).status, AbiStatus.NotFound);
});

test('a host SaveState that loses to an etag (a first-write key) is CasMismatch, as before ABORTED existed', async () => {
  const { handle, components, lines } = handlerWithLog();
  await components.saveState('state_demo', 'owned', Buffer.from('1'), { concurrency: 'first-write' });
  assert.equal((await handle('SaveState', encodeParts(['state_demo', 'owned', '2']))).status, AbiStatus.CasMismatch);
  assert.equal(
    (await handle('DeleteState', encodeParts(['state_demo', 'owned']))).status,
    AbiStatus.Ok,
    'a delete without an etag always deletes',
  );
  assert.match(lines[0] ?? '', /host call SaveState failed: failed saving state in state store state_demo: possible etag mismatch/);
});

test('GetNextId counts up as a decimal string; locks answer CasMismatch when held by another owner', async () => {
  const { handle } = handlerWithLog();
  const first = text((await handle('GetNextId', encodeParts(['sequencer_demo', 'order']))).data);
  const second = text((await handle('GetNextId', encodeParts(['sequencer_demo', 'order']))).data);
  assert.equal(BigInt(second), BigInt(first) + 1n);
  assert.equal((await handle('TryLock', encodeParts(['lock_demo', 'r1', 'alice', '10']))).status, AbiStatus.Ok);
  assert.equal((await handle('TryLock', encodeParts(['lock_demo', 'r1', 'bob', '10']))).status, AbiStatus.CasMismatch);
  assert.equal((await handle('Unlock', encodeParts(['lock_demo', 'r1', 'bob']))).status, AbiStatus.CasMismatch);
  assert.equal((await handle('Unlock', encodeParts(['lock_demo', 'r1', 'alice']))).status, AbiStatus.Ok);
  assert.equal((await handle('Unlock', encodeParts(['lock_demo', 'r1', 'alice']))).status, AbiStatus.NotFound);
});

test('an unknown store is a failure status for the module and a log line naming it for the user', async () => {
  const { handle, lines } = handlerWithLog();
  const result = await handle('GetState', encodeParts(['no_such_store', 'k']));
  assert.notEqual(result.status, AbiStatus.Ok);
  assert.equal(lines.length, 1);
  assert.match(lines[0] ?? '', /GetState failed: .*no_such_store/);
  assert.equal((await handle('NoSuchMethod', encodeParts([]))).status, AbiStatus.Unimplemented);
});
