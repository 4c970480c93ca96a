/**
 * Which connection goes when the cap is reached: the longest idle one, never one whose request is
 * being answered; and one address cannot take more than its share. Real sockets on loopback.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { request } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { createLimitedServer } from '../../serve/connection-limits.js';

let release: () => void = () => undefined;
const server = createLimitedServer(
  { headersTimeoutMs: 60_000, requestTimeoutMs: 60_000, keepAliveTimeoutMs: 60_000, maxConnections: 3, maxConnectionsPerClient: 2 },
  (req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/slow') release = () => res.end('slow done');
      else res.end('ok');
    });
  },
);
let port: number;

before(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
after(() => void server.close());

async function open(from: string): Promise<Socket> {
  const socket = connect({ host: '127.0.0.1', port, localAddress: from });
  await once(socket, 'connect');
  socket.on('error', () => undefined);
  return socket;
}

const closed = (socket: Socket, ms = 1000) =>
  Promise.race([once(socket, 'close').then(() => true), new Promise<boolean>((r) => setTimeout(r, ms, false))]);

function get(path: string, from: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, localAddress: from, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve(body));
    })
      .on('error', reject)
      .end();
  });
}

test('at the cap the longest idle connection is closed, not the one being answered', async () => {
  const answering = get('/slow', '127.0.3.1');
  await new Promise((r) => setTimeout(r, 100));
  const idle1 = await open('127.0.3.2');
  const idle2 = await open('127.0.3.3');
  // A fourth connection: the cap of 3 closes idle1, the oldest idle one; the slow call goes on.
  const fourth = await open('127.0.3.4');
  assert.equal(await closed(idle1), true, 'the oldest idle connection is closed');
  assert.equal(await closed(idle2, 200), false, 'the next one is kept');
  release();
  assert.equal(await answering, 'slow done');
  for (const socket of [idle2, fourth]) socket.destroy();
  await new Promise((r) => setTimeout(r, 100)); // the server's side of those closes too
});

test('one client address holds at most its cap; others still get in', async () => {
  const [a, b] = [await open('127.0.4.1'), await open('127.0.4.1')];
  const third = await open('127.0.4.1');
  assert.equal(await closed(third), true, 'over the per-client cap: closed at once');
  assert.equal(await closed(a, 200), false);
  assert.equal(await get('/', '127.0.4.2'), 'ok');
  for (const socket of [a, b]) socket.destroy();
});
