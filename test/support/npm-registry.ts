/**
 * A loopback npm registry for installing the packed wasmctl with the real npm client and no
 * traffic off this machine: it serves the packuments of the dependencies package-lock.json pins
 * (same versions, same integrity) and their tarballs out of npm's own cache, where `npm ci` left
 * them. npm then resolves and installs exactly as from the public registry.
 */
import { createRequire } from 'node:module';
import { execaSync } from 'execa';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { REPO } from './repo.js';

interface LockEntry {
  version?: string;
  integrity?: string;
  dev?: boolean;
  [field: string]: unknown;
}

const MANIFEST_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies', 'peerDependenciesMeta', 'bin', 'engines', 'os', 'cpu'];

export interface NpmRegistry {
  url: string;
  /** npm's cache folder, to pass as `--cache`. */
  cache: string;
  stop(): Promise<void>;
}

export async function startNpmRegistry(): Promise<NpmRegistry> {
  const npmRoot = execaSync('npm', ['root', '-g']).stdout.trim();
  const cacache = createRequire(join(npmRoot, 'npm', 'package.json'))('cacache') as {
    get: { byDigest(cache: string, integrity: string): Promise<Buffer> };
  };
  const cache = execaSync('npm', ['config', 'get', 'cache']).stdout.trim();
  const lock = JSON.parse(await readFile(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const packuments = new Map<string, { name: string; versions: Record<string, Record<string, unknown>> }>();
  const tarballs = new Map<string, string>();
  let base = '';
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path.includes('node_modules/') || entry.dev || !entry.version || !entry.integrity) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const packument = packuments.get(name) ?? { name, versions: {} };
    const file = `/-/tarball/${tarballs.size}.tgz`;
    tarballs.set(file, entry.integrity);
    const fields = Object.fromEntries(MANIFEST_FIELDS.filter((f) => entry[f] !== undefined).map((f) => [f, entry[f]]));
    packument.versions[entry.version] = {
      name,
      version: entry.version,
      ...fields,
      dist: { integrity: entry.integrity, tarballPath: file },
    };
    packuments.set(name, packument);
  }
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    const integrity = tarballs.get(path);
    if (integrity) {
      cacache.get.byDigest(cache, integrity).then(
        (bytes) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes),
        () => res.writeHead(404).end(),
      );
      return;
    }
    const packument = packuments.get(path.slice(1));
    if (!packument) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    const versions = Object.fromEntries(
      Object.entries(packument.versions).map(([v, { dist, ...manifest }]) => {
        const { integrity: digest, tarballPath } = dist as { integrity: string; tarballPath: string };
        return [v, { ...manifest, dist: { integrity: digest, tarball: `${base}${tarballPath}` } }];
      }),
    );
    const latest = Object.keys(versions).sort().at(-1) as string;
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ name: packument.name, 'dist-tags': { latest }, versions }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    cache,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
