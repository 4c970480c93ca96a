/**
 * Hostile and broken inputs, crafted with tar-stream into OCI layouts and archives: each must fail
 * with one clear line, write nothing outside the store, and leave the store as it was.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { openStore } from '../../image/index.js';

type Entry = {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link' | 'character-device';
  body?: string | Buffer;
  linkname?: string;
};

async function tarOf(entries: Entry[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) {
    const body = typeof e.body === 'string' ? Buffer.from(e.body) : e.body;
    pack.entry(
      { name: e.name, type: e.type ?? 'file', mode: 0o644, ...(e.linkname ? { linkname: e.linkname } : {}) },
      body ?? Buffer.alloc(0),
    );
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

interface LayoutSpec {
  /** Uncompressed layer tars; gzipped unless `raw`. */
  layers: Buffer[];
  raw?: boolean;
  diffIds?: string[];
  /** Rewrites bytes after the digests were taken. */
  tamper?: (blobs: Map<string, Buffer>) => void;
  skip?: Array<'oci-layout' | 'manifest'>;
}

let scratch: string;
let outside: string;
let n = 0;

async function writeLayout(spec: LayoutSpec): Promise<string> {
  const dir = join(scratch, `layout-${n++}`);
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  const blobs = new Map<string, Buffer>();
  const add = (bytes: Buffer) => {
    const digest = sha(bytes);
    blobs.set(digest, bytes);
    return { digest, size: bytes.length };
  };
  const layers = spec.layers.map((layer) => ({
    mediaType: `application/vnd.oci.image.layer.v1.tar${spec.raw ? '' : '+gzip'}`,
    ...add(spec.raw ? layer : gzipSync(layer)),
  }));
  const config = add(
    Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        config: { Cmd: ['hello.wasm'] },
        rootfs: { type: 'layers', diff_ids: spec.diffIds ?? spec.layers.map(sha) },
      }),
    ),
  );
  const manifest = add(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers,
      }),
    ),
  );
  spec.tamper?.(blobs);
  for (const [digest, bytes] of blobs) {
    if (digest === manifest.digest && spec.skip?.includes('manifest')) continue;
    await writeFile(join(dir, 'blobs', 'sha256', digest.slice(7)), bytes);
  }
  const ref = { 'org.opencontainers.image.ref.name': 'localhost/evil:v1' };
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations: ref }],
    }),
  );
  if (!spec.skip?.includes('oci-layout')) await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  return dir;
}

async function assertNothingLeft(root: string) {
  const store = openStore(root);
  assert.deepEqual(await store.list(), []);
  for (const sub of ['blobs/sha256', 'rootfs', 'tmp']) {
    assert.deepEqual(await readdir(join(root, sub)).catch(() => []), [], `${sub} is empty`);
  }
  assert.deepEqual(await readdir(outside), ['keep'], 'nothing written outside the store');
  assert.equal(await readFile(join(outside, 'keep'), 'utf8'), 'untouched');
}

/** Loads `dir` into a fresh store, expects `message`, and checks nothing was left anywhere. */
async function rejects(dir: string, message: RegExp, options: { cap?: number } = {}) {
  const root = join(scratch, `store-${n++}`);
  const store = openStore(root, options.cap ? { maxUnpackedBytes: options.cap } : {});
  await assert.rejects(store.load({ path: dir }), (err: Error) => {
    assert.match(err.message, message);
    assert.doesNotMatch(err.message, /\n/);
    return true;
  });
  await assertNothingLeft(root);
}

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'wasmctl-bad-'));
  outside = join(scratch, 'outside');
  await mkdir(outside);
  await writeFile(join(outside, 'keep'), 'untouched');
});
after(() => rm(scratch, { recursive: true, force: true }));

test('a layer entry named ../ is refused', async () => {
  const rel = `../../${'../'.repeat(8)}${outside.slice(1)}/pwned`;
  await rejects(await writeLayout({ layers: [await tarOf([{ name: rel, body: 'x' }])] }), /points outside the image root/);
});

test('absolute entry names land inside the rootfs, never on the host', async () => {
  const layer = await tarOf([
    { name: `${outside}/abs`, body: 'inside' },
    { name: 'hello.wasm', body: 'w' },
  ]);
  const root = join(scratch, 'store-abs');
  const [image] = await openStore(root).load({ path: await writeLayout({ layers: [layer] }) });
  assert.equal(await readFile(join(image!.rootfs, outside, 'abs'), 'utf8'), 'inside');
  assert.deepEqual(await readdir(outside), ['keep']);
});

test('a symlink to the host followed by a write through it stays in the rootfs', async () => {
  const layer = await tarOf([
    { name: 'evil', type: 'symlink', linkname: outside },
    { name: 'evil/pwned', body: 'x' },
    { name: 'dots', type: 'symlink', linkname: '../../../../../../../..' },
    { name: `dots/${outside.slice(1)}/pwned2`, body: 'x' },
  ]);
  const [image] = await openStore(join(scratch, 'store-sym')).load({ path: await writeLayout({ layers: [layer] }) });
  assert.equal(await readFile(join(image!.rootfs, outside, 'pwned'), 'utf8'), 'x');
  assert.deepEqual(await readdir(outside), ['keep']);
});

test('a symlink planted in one layer cannot redirect the next layer (CVE-2021-29136)', async () => {
  const first = await tarOf([{ name: 'etc', type: 'symlink', linkname: outside }]);
  const second = await tarOf([{ name: 'etc/passwd', body: 'root::0:0' }]);
  const [image] = await openStore(join(scratch, 'store-2layer')).load({ path: await writeLayout({ layers: [first, second] }) });
  assert.equal(await readFile(join(image!.rootfs, outside, 'passwd'), 'utf8'), 'root::0:0');
  assert.deepEqual(await readdir(outside), ['keep']);
});

test('a hardlink to a host file is refused', async () => {
  const layer = await tarOf([{ name: 'h', type: 'link', linkname: `../../../../../../..${outside}/keep` }]);
  await rejects(await writeLayout({ layers: [layer] }), /points outside the image root/);
});

test('a hardlink through a symlink to the host is refused', async () => {
  const layer = await tarOf([
    { name: 'l', type: 'symlink', linkname: outside },
    { name: 'h', type: 'link', linkname: 'l/keep' },
  ]);
  await rejects(await writeLayout({ layers: [layer] }), /hardlinks to "l\/keep", which is not a file in the image/);
});

test('device nodes are skipped', async () => {
  const layer = await tarOf([
    { name: 'null', type: 'character-device' },
    { name: 'hello.wasm', body: 'w' },
  ]);
  const [image] = await openStore(join(scratch, 'store-dev')).load({ path: await writeLayout({ layers: [layer] }) });
  assert.deepEqual(await readdir(image!.rootfs), ['hello.wasm']);
});

test('a whiteout with ../ is refused and removes nothing', async () => {
  const layer = await tarOf([{ name: `../../../../../../..${outside}/.wh.keep` }]);
  await rejects(await writeLayout({ layers: [layer] }), /points outside the image root/);
});

test('a whiteout through a symlink removes only inside the rootfs', async () => {
  const first = await tarOf([
    { name: 'l', type: 'symlink', linkname: outside },
    { name: 'a/f', body: '1' },
    { name: 'b/g', body: '2' },
  ]);
  const second = await tarOf([{ name: 'l/.wh.keep' }, { name: 'a/.wh.f' }, { name: 'b/.wh..wh..opq' }, { name: 'b/new', body: '3' }]);
  const [image] = await openStore(join(scratch, 'store-wh')).load({ path: await writeLayout({ layers: [first, second] }) });
  assert.deepEqual(await readdir(join(image!.rootfs, 'a')), []);
  assert.deepEqual(await readdir(join(image!.rootfs, 'b')), ['new']);
  assert.deepEqual(await readdir(outside), ['keep']);
});

test('a gzip bomb stops at the size cap', async () => {
  const layer = await tarOf([{ name: 'zeros', body: Buffer.alloc(8 * 1024 * 1024) }]);
  await rejects(await writeLayout({ layers: [layer] }), /unpacks to more than 1048576 bytes/, { cap: 1024 * 1024 });
});

test('a truncated gzip layer is a clear error', async () => {
  const layer = await tarOf([{ name: 'f', body: randomBytes(100_000) }]);
  // Digested as it is, so only decompression can tell it is cut short; compression is sniffed.
  const cut = gzipSync(layer).subarray(0, 50_000);
  await rejects(await writeLayout({ layers: [cut], raw: true }), /layer sha256:[a-f0-9]{64} is corrupt: unexpected end of file/);
});

test('layer bytes that do not match their digest are refused', async () => {
  const layer = await tarOf([{ name: 'hello.wasm', body: 'w' }]);
  const gz = gzipSync(layer);
  const dir = await writeLayout({ layers: [layer], tamper: (blobs) => blobs.set(sha(gz), Buffer.concat([gz, Buffer.from('x')])) });
  await rejects(dir, /does not match its digest/);
});

test('a config that does not match its digest is refused', async () => {
  const dir = await writeLayout({
    layers: [await tarOf([{ name: 'f', body: 'x' }])],
    tamper: (blobs) => {
      for (const [digest, bytes] of blobs)
        if (bytes.includes('diff_ids')) blobs.set(digest, Buffer.from(bytes.toString().replace('amd64', 'arm64')));
    },
  });
  await rejects(dir, /config sha256:[a-f0-9]{64} does not match its digest/);
});

test('diff_ids that do not match the layers are refused', async () => {
  const dir = await writeLayout({ layers: [await tarOf([{ name: 'f', body: 'x' }])], diffIds: [`sha256:${'0'.repeat(64)}`] });
  await rejects(dir, /unpacks to sha256:[a-f0-9]{64}, but the config's rootfs.diff_ids says sha256:0{64}/);
});

test('index.json naming a missing manifest is refused', async () => {
  const dir = await writeLayout({ layers: [await tarOf([{ name: 'f', body: 'x' }])], skip: ['manifest'] });
  await rejects(dir, /manifest sha256:[a-f0-9]{64} is missing/);
});

test('a folder without oci-layout is refused', async () => {
  const dir = await writeLayout({ layers: [await tarOf([{ name: 'f', body: 'x' }])], skip: ['oci-layout'] });
  await rejects(dir, /is not an OCI layout: oci-layout is missing/);
});

test('a file that is not a tar is refused', async () => {
  const path = join(scratch, 'not-a-tar');
  await writeFile(path, 'hello, this is not a tar archive at all'.repeat(20));
  await rejects(path, /not-a-tar is not a tar archive/);
});

test('a truncated archive is refused', async () => {
  const whole = await tarOf([
    { name: 'manifest.json', body: '[]' },
    { name: 'big', body: Buffer.alloc(50_000, 1) },
  ]);
  const path = join(scratch, 'truncated.tar');
  await writeFile(path, whole.subarray(0, 20_000));
  await rejects(path, /truncated\.tar is truncated/);
});

test('a manifest.json that is not JSON is refused', async () => {
  const path = join(scratch, 'badjson.tar');
  await writeFile(path, await tarOf([{ name: 'manifest.json', body: '{nope' }]));
  await rejects(path, /manifest\.json is not valid JSON/);
});

test('a manifest.json naming a missing layer is refused', async () => {
  const config = JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } });
  const path = join(scratch, 'missing-layer.tar');
  await writeFile(
    path,
    await tarOf([
      { name: 'manifest.json', body: JSON.stringify([{ Config: 'c.json', RepoTags: ['x:1'], Layers: ['gone/layer.tar'] }]) },
      { name: 'c.json', body: config },
    ]),
  );
  await rejects(path, /names layer "gone\/layer\.tar", which is not in the archive/);
});

test('a docker-save layer whose bytes do not match diff_ids is refused', async () => {
  const layer = await tarOf([{ name: 'hello.wasm', body: 'real' }]);
  const config = JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha(layer)] } });
  const configName = `${sha(Buffer.from(config)).slice(7)}.json`;
  const path = join(scratch, 'tampered-save.tar');
  await writeFile(
    path,
    await tarOf([
      { name: 'manifest.json', body: JSON.stringify([{ Config: configName, RepoTags: ['x:1'], Layers: ['l/layer.tar'] }]) },
      { name: configName, body: config },
      { name: 'l/layer.tar', body: await tarOf([{ name: 'hello.wasm', body: 'evil' }]) },
    ]),
  );
  await rejects(path, /but the config's rootfs\.diff_ids says/);
});

test('layers unpacked at once still stack in order: links to lower files, lower symlinks, replaced folders', async () => {
  const first = await tarOf([
    { name: 'f', body: 'lower' },
    { name: 'lib/real/x', body: 'x' },
    { name: 'lib/link', type: 'symlink', linkname: 'real' },
    { name: 'real2', type: 'directory' },
    { name: 's', type: 'symlink', linkname: 'real2' },
    { name: 'swap/inner', body: 'i' },
  ]);
  const second = await tarOf([
    { name: 'h', type: 'link', linkname: 'f' },
    { name: 'lib/link/y', body: 'y' },
    { name: 's', type: 'directory' },
    { name: 's/z', body: 'z' },
    { name: 'swap', body: 'now a file' },
  ]);
  const [image] = await openStore(join(scratch, 'store-stack')).load({ path: await writeLayout({ layers: [first, second] }) });
  const root = image!.rootfs;
  const [f, h] = await Promise.all([lstat(join(root, 'f')), lstat(join(root, 'h'))]);
  assert.equal(h.ino, f.ino, 'h is a hard link to the lower layer f');
  assert.deepEqual((await readdir(join(root, 'lib', 'real'))).sort(), ['x', 'y'], 'an implied folder goes through the lower symlink');
  assert.ok((await lstat(join(root, 's'))).isDirectory(), 'a folder the tar names replaces the symlink');
  assert.deepEqual(await readdir(join(root, 's')), ['z']);
  assert.deepEqual(await readdir(join(root, 'real2')), []);
  assert.equal(await readFile(join(root, 'swap'), 'utf8'), 'now a file');
});

test('a folder replaced by a symlink within one layer: later entries go through it, inside the rootfs only', async () => {
  const layer = await tarOf([
    { name: 'd', type: 'directory' },
    { name: 'd/a', body: 'a' },
    { name: 'd', type: 'symlink', linkname: outside },
    { name: 'd/evil', body: 'e' },
  ]);
  const [image] = await openStore(join(scratch, 'store-swap')).load({ path: await writeLayout({ layers: [layer] }) });
  assert.deepEqual(await readdir(outside), ['keep']);
  assert.equal(await readFile(join(image!.rootfs, outside, 'evil'), 'utf8'), 'e');
  assert.ok((await lstat(join(image!.rootfs, 'd'))).isSymbolicLink());
});
