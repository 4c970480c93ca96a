/**
 * Blob GETs redirected to another host, as registries do to a CDN. A small front on 127.0.0.1
 * plays the registry (basic auth required, the v2 API proxied to a real docker-registry) and
 * answers blob GETs with 307 to an edge on 127.0.0.2, which records what it was sent and answers
 * 307 again, to the docker-registry itself. No Debian package plays either role.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { after, before, beforeEach, test } from 'node:test';
import { openStore } from '../../image/index.js';
import { type Builder, startBuilder } from '../support/buildah.js';
import { REPO } from '../support/repo.js';
import { type Registry, startRegistry } from '../support/registry.js';

const user = { username: 'alice', password: 's3cret-pw' };
const BASIC = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
const BLOB = /^\/v2\/.+\/blobs\/(sha256:[a-f0-9]{64})$/;

let work: string;
let builder: Builder;
let registry: Registry;
let front: Server;
let edge: Server;
let frontHost: string;
let edgeHost: string;
/** 'cdn': blobs go front → edge → registry; 'loop': the edge redirects to itself forever. */
let mode: 'cdn' | 'loop' = 'cdn';
/** The Authorization header (or null) of every request the edge received. */
let edgeSaw: Array<string | null> = [];

const listen = async (server: Server, address: string): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  return `${address}:${(server.address() as AddressInfo).port}`;
};

function redirect(res: ServerResponse, location: string) {
  res.writeHead(307, { location }).end();
}

/** Passes a request through to the docker-registry, without the front's credentials. */
async function proxy(req: IncomingMessage, res: ServerResponse) {
  const upstream = await fetch(`http://${registry.host}${req.url}`, {
    method: req.method,
    headers: { accept: req.headers.accept ?? '*/*' },
  });
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'content-length', 'docker-content-digest']) {
    const value = upstream.headers.get(name);
    if (value) headers[name] = value;
  }
  res.writeHead(upstream.status, headers);
  if (upstream.body) Readable.fromWeb(upstream.body as WebReadableStream<Uint8Array>).pipe(res);
  else res.end();
}

function serveFront(req: IncomingMessage, res: ServerResponse) {
  if (req.headers.authorization !== BASIC) {
    res.writeHead(401, { 'www-authenticate': 'Basic realm="front"' }).end();
    return;
  }
  const blob = BLOB.exec(req.url ?? '');
  if (!blob) {
    proxy(req, res).catch(() => res.destroy());
    return;
  }
  redirect(res, mode === 'cdn' ? `http://${edgeHost}/cdn${req.url}` : `http://${edgeHost}/loop/1`);
}

function serveEdge(req: IncomingMessage, res: ServerResponse) {
  edgeSaw.push(req.headers.authorization ?? null);
  const url = req.url ?? '';
  const hop = /^\/loop\/(\d+)$/.exec(url);
  if (hop) redirect(res, `/loop/${Number(hop[1]) + 1}`);
  else redirect(res, `http://${registry.host}${url.slice('/cdn'.length)}`);
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-redirects-'));
  registry = await startRegistry();
  builder = await startBuilder();
  const hello = await readFile(join(REPO, 'samples/hello/hello.wasm'));
  await builder.build('localhost/hello:v1', 'FROM scratch\nCOPY hello.wasm hello.wasm\nCMD ["hello.wasm"]\n', { 'hello.wasm': hello });
  await builder.push('localhost/hello:v1', `docker://${registry.host}/hello:v1`);
  front = createServer(serveFront);
  edge = createServer(serveEdge);
  frontHost = await listen(front, '127.0.0.1');
  edgeHost = await listen(edge, '127.0.0.2');
  process.env.DOCKER_CONFIG = work;
  await writeFile(join(work, 'config.json'), JSON.stringify({ auths: { [frontHost]: { auth: BASIC.slice('Basic '.length) } } }));
});
after(async () => {
  delete process.env.DOCKER_CONFIG;
  await Promise.all([front, edge].map((s) => new Promise((resolve) => s.close(resolve))));
  await builder.stop();
  await registry.stop();
  await rm(work, { recursive: true, force: true });
});
beforeEach(() => {
  edgeSaw = [];
});

test('blobs redirected to another host are fetched there without the registry credentials', async () => {
  mode = 'cdn';
  const image = await openStore(join(work, 'store-cdn')).pull(`${frontHost}/hello:v1`);
  assert.deepEqual(await readdir(image.rootfs), ['hello.wasm']);
  // The config and the one layer each went through the edge, with no Authorization at all.
  assert.deepEqual(edgeSaw, [null, null]);
});

test('a redirect loop stops after 10 hops with one line and leaves nothing', async () => {
  mode = 'loop';
  const root = join(work, 'store-loop');
  await assert.rejects(openStore(root).pull(`${frontHost}/hello:v1`), (err: Error) => {
    assert.equal(err.message, `the registry ${frontHost} redirected more than 10 times`);
    return true;
  });
  // The front's redirect and 9 of the edge's were followed: 10 hops, then the 11th is refused.
  assert.equal(edgeSaw.length, 10);
  assert.ok(edgeSaw.every((h) => h === null));
  assert.deepEqual(await openStore(root).list(), []);
  for (const sub of ['blobs/sha256', 'rootfs', 'tmp']) assert.deepEqual(await readdir(join(root, sub)).catch(() => []), []);
});
