/**
 * A private Debian docker-registry (distribution 2.8) for tests: filesystem storage in a temp
 * folder, 127.0.0.1 on a free port, optionally behind htpasswd basic auth or token auth with a
 * small token issuer (RS256 JWTs signed by a self-signed key made with openssl).
 */
import { createHash, createSign, randomUUID } from 'node:crypto';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { type IncomingMessage, type ServerResponse, createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa, type ResultPromise } from 'execa';

export interface RegistryUser {
  username: string;
  password: string;
}

export interface RegistryOptions {
  auth?: { mode: 'htpasswd' | 'token'; user: RegistryUser };
}

export interface Registry {
  /** `127.0.0.1:<port>`, as written in image references. */
  host: string;
  /** The registry's storage root (`docker/registry/v2/…`). */
  storage: string;
  /** How many token requests the issuer answered (token mode). */
  tokenRequests(): number;
  /** A DOCKER_CONFIG folder holding `auths` for this registry with the given user. */
  dockerConfig(user: RegistryUser): Promise<string>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

interface Issuer {
  server: Server;
  realm: string;
  requests: number;
}

/** Distribution's token protocol: Basic-authenticated GET realm?service&scope → {token}. */
async function startIssuer(dir: string, user: RegistryUser): Promise<Issuer> {
  const key = join(dir, 'token.key');
  const cert = join(dir, 'token.crt');
  await execa('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '1',
    '-subj',
    '/CN=wasmctl-test-issuer',
  ]);
  const privateKey = await readFile(key, 'utf8');
  const certDer = (await readFile(cert, 'utf8')).replace(/-----[^-]+-----|\s/g, '');
  const issuer: Issuer = { server: createServer(), realm: '', requests: 0 };
  issuer.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    issuer.requests++;
    const url = new URL(req.url ?? '/', 'http://issuer');
    const expected = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
    if (req.headers.authorization !== expected) {
      res.writeHead(401).end('{"details":"bad credentials"}');
      return;
    }
    const access = url.searchParams.getAll('scope').flatMap((scope) => {
      const [type, name, actions] = scope.split(':');
      return type && name && actions ? [{ type, name, actions: actions.split(',') }] : [];
    });
    const now = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', x5c: [certDer] }));
    const claims = base64url(
      JSON.stringify({
        iss: 'wasmctl-test-issuer',
        sub: user.username,
        aud: url.searchParams.get('service'),
        exp: now + 300,
        nbf: now - 10,
        iat: now,
        jti: randomUUID(),
        access,
      }),
    );
    const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(privateKey);
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ token: `${header}.${claims}.${base64url(signature)}` }));
  });
  await new Promise<void>((resolve) => issuer.server.listen(0, '127.0.0.1', resolve));
  issuer.realm = `http://127.0.0.1:${(issuer.server.address() as AddressInfo).port}/token`;
  return issuer;
}

function authConfig(mode: 'htpasswd' | 'token' | undefined, dir: string, realm: string): string {
  if (mode === 'htpasswd') return `auth:\n  htpasswd:\n    realm: wasmctl-test\n    path: ${dir}/htpasswd\n`;
  if (mode === 'token') {
    return `auth:\n  token:\n    realm: ${realm}\n    service: wasmctl-test-registry\n    issuer: wasmctl-test-issuer\n    rootcertbundle: ${dir}/token.crt\n`;
  }
  return '';
}

export async function startRegistry(options: RegistryOptions = {}): Promise<Registry> {
  const dir = await mkdtemp(join(tmpdir(), 'wasmctl-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const storage = join(dir, 'storage');
  const auth = options.auth;
  if (auth?.mode === 'htpasswd') {
    const { stdout } = await execa('htpasswd', ['-Bbn', auth.user.username, auth.user.password]);
    await writeFile(join(dir, 'htpasswd'), `${stdout}\n`);
  }
  const issuer = auth?.mode === 'token' ? await startIssuer(dir, auth.user) : undefined;
  await writeFile(
    join(dir, 'config.yml'),
    `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${storage}\n  delete:\n    enabled: true\nhttp:\n  addr: ${host}\n${authConfig(auth?.mode, dir, issuer?.realm ?? '')}`,
  );
  const daemon: ResultPromise = execa('/usr/bin/docker-registry', ['serve', join(dir, 'config.yml')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    reject: false,
  });
  const stop = async () => {
    daemon.kill('SIGTERM');
    await daemon;
    await new Promise((resolve) => (issuer ? issuer.server.close(resolve) : resolve(undefined)));
    await rm(dir, { recursive: true, force: true });
  };
  for (let i = 0; ; i++) {
    const status = await fetch(`http://${host}/v2/`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200 || status === 401) break;
    if (i > 100 || daemon.exitCode !== null) {
      await stop();
      throw new Error(`docker-registry did not start on ${host}`);
    }
    await sleep(50);
  }
  return {
    host,
    storage,
    tokenRequests: () => issuer?.requests ?? 0,
    async dockerConfig(user) {
      const configDir = await mkdtemp(join(dir, 'docker-config-'));
      const auth64 = Buffer.from(`${user.username}:${user.password}`).toString('base64');
      await writeFile(join(configDir, 'config.json'), JSON.stringify({ auths: { [host]: { auth: auth64 } } }));
      return configDir;
    },
    stop,
  };
}

/** Where the registry keeps a blob's bytes, to corrupt it at rest or delete it. */
export const registryBlobPath = (registry: Registry, digest: string): string => {
  const hex = digest.slice('sha256:'.length);
  return join(registry.storage, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex, 'data');
};

const sha256 = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** Uploads a blob with the monolithic POST + PUT of the distribution API (what oras does); returns its digest. */
export async function pushBlob(host: string, repository: string, bytes: Buffer): Promise<string> {
  const digest = sha256(bytes);
  const start = await fetch(`http://${host}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
  const location = start.headers.get('location');
  if (start.status !== 202 || !location) throw new Error(`blob upload to ${host}/${repository} answered ${start.status}`);
  const upload = new URL(location, `http://${host}`);
  upload.searchParams.set('digest', digest);
  const put = await fetch(upload, { method: 'PUT', body: bytes, headers: { 'content-type': 'application/octet-stream' } });
  if (put.status !== 201) throw new Error(`blob PUT to ${host}/${repository} answered ${put.status}: ${await put.text()}`);
  return digest;
}

/** PUTs a manifest or index under a tag; returns its digest. */
export async function pushManifest(host: string, repository: string, tag: string, manifest: object): Promise<string> {
  const bytes = Buffer.from(JSON.stringify(manifest));
  const mediaType = (manifest as { mediaType?: string }).mediaType ?? 'application/vnd.oci.image.manifest.v1+json';
  const put = await fetch(`http://${host}/v2/${repository}/manifests/${tag}`, {
    method: 'PUT',
    body: bytes,
    headers: { 'content-type': mediaType },
  });
  if (put.status !== 201) throw new Error(`manifest PUT to ${host}/${repository}:${tag} answered ${put.status}: ${await put.text()}`);
  return sha256(bytes);
}
