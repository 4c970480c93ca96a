/** The instance process's frames: every message comes back as sent, however the bytes are split. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeFrame, FrameReader, type FromInstance, type ToInstance } from '../../../runtime-bridge/engine/worker/instance-protocol.cjs';

const bytes = (text: string) => new Uint8Array(Buffer.from(text));
const MESSAGES: Array<ToInstance | FromInstance> = [
  { type: 'booted' },
  {
    type: 'start',
    config: { jsonLogs: true, imports: ['GetState'], workerModule: null },
    def: { bytes: bytes('\0asm'), label: 'f', rootfs: null, args: ['a'], env: [] },
  },
  // Repeated names, non-ASCII values, an empty body: what proxy-wasm's header maps hold.
  {
    type: 'request',
    headers: [
      ['id', 'id_1'],
      ['x', 'é ünï ☃'],
      ['x', ''],
    ],
    body: new Uint8Array(),
  },
  { type: 'response', status: 404, headers: [['content-type', 'text/plain']], body: bytes('There are 100 inventories for book1.') },
  { type: 'response', status: 200, headers: [], body: new Uint8Array(300_000).fill(7) },
  { type: 'call', method: 'GetState', payload: new Uint8Array([0, 1, 2, 255]) },
  { type: 'reply', status: 3, data: new Uint8Array() },
  { type: 'failed', message: 'trap: unreachable', lost: false },
];

/** Bytes as plain arrays (a Buffer's toJSON would differ from a Uint8Array's), to compare the rest deeply. */
function plain(message: ToInstance | FromInstance): unknown {
  return JSON.parse(
    JSON.stringify(message, function (this: Record<string, unknown>, key: string, value: unknown) {
      const raw = this[key];
      return raw instanceof Uint8Array ? [...raw] : value;
    }),
  );
}

for (const split of [1, 7, 1 << 20]) {
  test(`frames read back whole, pushed in pieces of ${split} bytes`, () => {
    const stream = Buffer.concat(MESSAGES.map(encodeFrame));
    const reader = new FrameReader();
    const read: Array<ToInstance | FromInstance> = [];
    for (let at = 0; at < stream.length; at += split) {
      reader.push(Buffer.from(stream.subarray(at, at + split)));
      for (let message = reader.next(); message; message = reader.next()) read.push(message);
    }
    assert.deepEqual(read.map(plain), MESSAGES.map(plain));
  });
}
