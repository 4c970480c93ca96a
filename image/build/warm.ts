import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { fileHeader, writeTar } from '../archive/tar-writer.js';
import { parseImageJson, sha256Of } from '../blob-copy.js';
import { IndexFileSchema } from '../index-file.js';
import { ImageConfigSchema, IndexSchema, ManifestSchema, OciLayoutSchema } from '../types.js';
import { parseDockerfile } from './dockerfile.js';

const digest = `sha256:${'0'.repeat(64)}`;
const descriptor = { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest, size: 1 };
const record = {
  digest,
  configDigest: digest,
  platform: { os: 'wasi', architecture: 'wasm' },
  config: { entrypoint: ['/a.wasm'], cmd: [], env: [], workingDir: '/' },
  layers: [descriptor],
  size: 1,
};

/**
 * Runs what every build runs first, on small documents and without I/O, while the startup
 * snapshot is built (cli/snapshot.ts): the snapshot then holds dockerfile-ast's and zod's code
 * compiled and zod's parsers generated, which a build otherwise pays for on each start.
 */
export async function warmBuildPath(): Promise<void> {
  parseDockerfile(
    '# syntax=docker/dockerfile:1\nARG A=1\nFROM scratch AS s\nCOPY --chmod=755 a.wasm /a.wasm\nENV K=v\nLABEL k="v"\nWORKDIR /w\nENTRYPOINT ["/a.wasm"]\nCMD ["x"]\n',
    'Dockerfile',
  );
  const json = (doc: unknown) => Buffer.from(JSON.stringify(doc));
  parseImageJson(json({ imageLayoutVersion: '1.0.0' }), OciLayoutSchema, 'warm');
  parseImageJson(
    json({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [{ ...descriptor, annotations: { a: 'b' } }],
    }),
    IndexSchema,
    'warm',
  );
  parseImageJson(json({ schemaVersion: 2, config: descriptor, layers: [descriptor] }), ManifestSchema, 'warm');
  parseImageJson(
    json({
      architecture: 'wasm',
      os: 'wasi',
      config: { Entrypoint: ['/a.wasm'], Cmd: null, Env: ['A=1'], WorkingDir: '/' },
      rootfs: { type: 'layers', diff_ids: [digest] },
    }),
    ImageConfigSchema,
    'warm',
  );
  parseImageJson(json({ version: 1, images: { 'docker.io/library/a:v1': record } }), IndexFileSchema, 'warm');
  const chunks: Buffer[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => done(void chunks.push(chunk)) });
  await writeTar(
    [
      { header: { ...fileHeader('a.wasm'), mode: 0o755 }, bytes: Buffer.alloc(1024) },
      { header: { ...fileHeader('d/'), type: 'directory' }, empty: true },
    ],
    [sink],
  );
  sha256Of(gzipSync(Buffer.concat(chunks)));
}
