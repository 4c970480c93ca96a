/** ttrpc framing, and our server and client talking over a real unix socket. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bindService,
  decodeMessage,
  encodeFrame,
  encodeMessage,
  EVENTS_SERVICE,
  FrameDecoder,
  MAX_MESSAGE_LENGTH,
  messages,
  MessageType,
  TtrpcClient,
  TtrpcServer,
  type Frame,
} from '../../shim/index.js';

const dir = await mkdtemp(join(tmpdir(), 'wasmctl-ttrpc-'));
after(() => rm(dir, { recursive: true, force: true }));

test('a frame is a 10-byte big-endian header then the data', () => {
  const frame = encodeFrame(3, MessageType.Request, Buffer.from('abc'));
  assert.deepEqual([...frame], [0, 0, 0, 3, 0, 0, 0, 3, 1, 0, 0x61, 0x62, 0x63]);
});

test('frames are cut out of a byte stream whatever the chunking', () => {
  const frames: Frame[] = [];
  const decoder = new FrameDecoder(
    (f) => frames.push(f),
    () => assert.fail('nothing is oversized'),
  );
  const stream = Buffer.concat([
    encodeFrame(1, 1, Buffer.from('first')),
    encodeFrame(3, 1, Buffer.alloc(0)),
    encodeFrame(5, 2, Buffer.from('third')),
  ]);
  for (let i = 0; i < stream.length; i += 4) decoder.push(stream.subarray(i, i + 4));
  assert.deepEqual(
    frames.map((f) => [f.streamId, f.type, f.data.toString()]),
    [
      [1, 1, 'first'],
      [3, 1, ''],
      [5, 2, 'third'],
    ],
  );
});

test('an oversized frame is reported and skipped, and the stream goes on', () => {
  const frames: Frame[] = [];
  const oversized: number[] = [];
  const decoder = new FrameDecoder(
    (f) => frames.push(f),
    (streamId) => oversized.push(streamId),
  );
  const header = Buffer.alloc(10);
  header.writeUInt32BE(MAX_MESSAGE_LENGTH + 1, 0);
  header.writeUInt32BE(7, 4);
  decoder.push(header);
  decoder.push(Buffer.alloc(MAX_MESSAGE_LENGTH + 1));
  decoder.push(encodeFrame(9, 1, Buffer.from('after')));
  assert.deepEqual(oversized, [7]);
  assert.deepEqual(
    frames.map((f) => [f.streamId, f.data.toString()]),
    [[9, 'after']],
  );
  assert.throws(() => encodeFrame(1, 1, Buffer.alloc(MAX_MESSAGE_LENGTH + 1)), /exceeds the 4194304-byte limit/);
});

async function serveEvents(path: string, received: object[]): Promise<TtrpcServer> {
  const server = new TtrpcServer([
    bindService(EVENTS_SERVICE, {
      Forward: async (request) => {
        received.push(request);
        return {};
      },
    }),
  ]);
  await server.listen(path);
  return server;
}

test('the client calls a method of the server; unknown methods answer Unimplemented (12)', async () => {
  const path = join(dir, 'events.sock');
  const received: { envelope: { topic: string; namespace: string } }[] = [];
  const server = await serveEvents(path, received);
  const client = new TtrpcClient(`unix://${path}`);
  try {
    const envelope = {
      namespace: 'ns1',
      topic: '/tasks/start',
      event: { type_url: 'containerd.events.TaskStart', value: new Uint8Array() },
    };
    assert.deepEqual({ ...(await client.invoke(EVENTS_SERVICE, 'Forward', { envelope })) }, {});
    assert.equal(received[0]?.envelope.topic, '/tasks/start');
    assert.equal(received[0]?.envelope.namespace, 'ns1');
    await assert.rejects(
      client.call('containerd.services.events.ttrpc.v1.Events', 'Publish', new Uint8Array()),
      /serves no method containerd.services.events.ttrpc.v1.Events\/Publish.*code 12/,
    );
    await assert.rejects(client.call('no.such.Service', 'Forward', new Uint8Array()), /code 12/);
  } finally {
    client.close();
    await server.close();
  }
});

test('a request over 4 MiB answers ResourceExhausted (8) and the connection stays usable', async () => {
  const path = join(dir, 'big.sock');
  const server = await serveEvents(path, []);
  const socket = net.createConnection(path);
  try {
    const responses: Frame[] = [];
    const decoder = new FrameDecoder(
      (f) => responses.push(f),
      () => undefined,
    );
    socket.on('data', (chunk: Buffer) => decoder.push(chunk));
    const header = Buffer.alloc(10);
    header.writeUInt32BE(MAX_MESSAGE_LENGTH + 10, 0);
    header.writeUInt32BE(1, 4);
    header.writeUInt8(MessageType.Request, 8);
    socket.write(Buffer.concat([header, Buffer.alloc(MAX_MESSAGE_LENGTH + 10)]));
    const forward = encodeMessage(messages.ttrpc.Request, {
      service: 'containerd.services.events.ttrpc.v1.Events',
      method: 'Forward',
      payload: new Uint8Array(),
    });
    socket.write(encodeFrame(3, MessageType.Request, forward));
    while (responses.length < 2) await new Promise((r) => setTimeout(r, 10));
    const [big, small] = responses.map((f) => decodeMessage(messages.ttrpc.Response, f.data));
    assert.equal(responses[0]?.streamId, 1);
    assert.equal(big?.status?.code, 8);
    assert.ok(!small?.status, 'the request after it is answered normally');
  } finally {
    socket.destroy();
    await server.close();
  }
});
