/**
 * wasi:http/outgoing-handler for components (issue 15) through the CLI, against real HTTP servers
 * on 127.0.0.1: a componentize-js guest GETs what it is told, as a command under `wasmctl run` and
 * as a handler under `wasmctl serve`. Only the `--allow-http HOST[:PORT]` hosts are reached; any
 * other (another port, no flag at all, a redirect elsewhere) is HTTP-request-denied and never
 * sees a request.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { execa, type ResultPromise } from 'execa';
import { componentizeJs } from '../support/component.js';
import { REPO } from '../support/repo.js';
import { startServe } from '../support/serve.js';

let work: string;
let guest: string;
/** What each server was asked: `METHOD /path x-from`. */
const seen = { allowed: [] as string[], other: [] as string[] };
let allowed: Server;
let other: Server;
let serve: ResultPromise | undefined;

const portOf = (server: Server) => (server.address() as AddressInfo).port;

async function listening(log: string[], redirectTo?: () => string): Promise<Server> {
  const server = createServer((req, res) => {
    log.push(`${req.method} ${req.url} ${req.headers['x-from'] ?? '-'}`);
    if (req.url === '/moved' && redirectTo) {
      res.writeHead(302, { location: redirectTo() }).end();
      return;
    }
    res.setHeader('x-seen', String(req.headers['x-from'] ?? 'none'));
    res.end(`hello from ${req.url}`);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

const wasmctl = (args: string[]) => execa(join(REPO, 'bin/wasmctl'), ['--root', join(work, 'store'), ...args], { reject: false });

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-outgoing-http-'));
  guest = await componentizeJs(join(REPO, 'test/modules/http-client-guest'), 'app', join(work, 'client.component.wasm'));
  other = await listening(seen.other);
  allowed = await listening(seen.allowed, () => `http://127.0.0.1:${portOf(other)}/stolen`);
});

after(async () => {
  serve?.kill('SIGKILL');
  allowed?.close();
  other?.close();
  await rm(work, { recursive: true, force: true });
});

test('run: an allowed host is reached, with the guest headers and path; its status, headers and body come back', async () => {
  const r = await wasmctl(['run', '--allow-http', `127.0.0.1:${portOf(allowed)}`, guest, `127.0.0.1:${portOf(allowed)}/books?name=a`]);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout, '200 guest hello from /books?name=a');
  assert.deepEqual(seen.allowed.at(-1), 'GET /books?name=a guest');
});

test('run: without --allow-http, or to another port, or by a redirect, the request is denied and never sent', async () => {
  const before = seen.other.length;
  const none = await wasmctl(['run', guest, `127.0.0.1:${portOf(other)}/x`]);
  assert.equal(none.stdout, 'error HTTP-request-denied');
  assert.equal(none.exitCode, 1, 'the command failed (its run returned an error)');
  const port = await wasmctl(['run', '--allow-http', `127.0.0.1:${portOf(allowed)}`, guest, `127.0.0.1:${portOf(other)}/x`]);
  assert.equal(port.stdout, 'error HTTP-request-denied');
  const moved = await wasmctl(['run', '--allow-http', `127.0.0.1:${portOf(allowed)}`, guest, `127.0.0.1:${portOf(allowed)}/moved`]);
  assert.equal(moved.stdout, '302  ', "the redirect is the guest's to follow, not the host's");
  assert.equal(seen.other.length, before, `the other server was asked ${JSON.stringify(seen.other.slice(before))}`);
});

test('run: a HOST without a port allows its every port; a refused connection is connection-refused', async () => {
  const closed = await listening([]);
  const port = portOf(closed);
  closed.close();
  await once(closed, 'close');
  const r = await wasmctl(['run', '--allow-http', '127.0.0.1', guest, `127.0.0.1:${port}/`]);
  assert.equal(r.stdout, 'error connection-refused');
  const ok = await wasmctl(['run', '--allow-http', '127.0.0.1', guest, `127.0.0.1:${portOf(allowed)}/any`]);
  assert.equal(ok.stdout, '200 guest hello from /any');
});

test('a malformed --allow-http is refused in one line', async () => {
  const r = await wasmctl(['run', '--allow-http', 'a/b', guest, 'x']);
  assert.equal(r.exitCode, 125);
  assert.equal(r.stderr, 'wasmctl: --allow-http a/b is not HOST[:PORT] (--allow-http 127.0.0.1:8080)');
});

test('serve: the handler reaches an allowed host; another is denied (502 from the guest) and never asked', async () => {
  const started = await startServe(['--allow-http', `127.0.0.1:${portOf(allowed)}`, `c=${guest}`], { root: join(work, 'store') });
  serve = started.serve;
  const { gateway } = started;
  const get = async (to: string) => {
    const response = await fetch(`http://${gateway}/?to=${encodeURIComponent(to)}`, { headers: { id: 'c' } });
    return [response.status, await response.text()];
  };
  assert.deepEqual(await get(`127.0.0.1:${portOf(allowed)}/from-serve`), [200, '200 guest hello from /from-serve']);
  const before = seen.other.length;
  assert.deepEqual(await get(`127.0.0.1:${portOf(other)}/from-serve`), [502, 'error HTTP-request-denied']);
  assert.equal(seen.other.length, before);
});
