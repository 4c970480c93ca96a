/**
 * `wasmctl serve` is ready before it listens: a client that connects the instant the gateway's
 * port opens gets the function's answer, never `404 no function with id`, and the admin port opens
 * only after the functions named on the command line are installed (so an admin install of one of
 * them cannot race the start and end the server).
 */
import assert from 'node:assert/strict';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { execa } from 'execa';
import { buildModules, modulePath } from '../modules/harness.js';
import { REPO } from '../support/repo.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** Sends one request the moment a connection is accepted; resolves with the raw answer. */
function requestAsSoonAsOpen(port: number, request: string, deadline: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect({ host: '127.0.0.1', port }, () => socket.write(request));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('end', () => resolve(answer));
      socket.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ECONNREFUSED' || Date.now() > deadline) reject(err);
        else setTimeout(attempt, 1);
      });
    };
    attempt();
  });
}

test('the first request, sent the instant the gateway listens, gets the function; admin opens after the installs', async () => {
  await buildModules();
  const [gatewayPort, adminPort] = await Promise.all([freePort(), freePort()]);
  const serve = execa(
    join(REPO, 'bin/wasmctl'),
    [
      'serve',
      '--listen',
      `127.0.0.1:${gatewayPort}`,
      '--admin',
      `127.0.0.1:${adminPort}`,
      '--json',
      `no_wasi=${modulePath('serve-no-wasi')}`,
    ],
    { reject: false },
  );
  try {
    const deadline = Date.now() + 30_000;
    const first = requestAsSoonAsOpen(gatewayPort, 'GET / HTTP/1.1\r\nHost: x\r\nid: no_wasi\r\nConnection: close\r\n\r\n', deadline);
    const list = requestAsSoonAsOpen(adminPort, 'GET /wasm/list HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', deadline);
    const answer = await first;
    assert.match(answer, /^HTTP\/1\.1 200 /);
    assert.match(answer, /\r\npong\r\n/);
    // The admin port's very first answer already lists the startup function.
    assert.match(await list, /no_wasi/);
  } finally {
    serve.kill('SIGTERM');
    await serve;
  }
});
