/**
 * The CNCF TAG-Runtime Wasm OCI artifact (what `oras push` writes for a module): a
 * `application/vnd.wasm.config.v0+json` config and one `application/wasm` layer, pushed to a
 * registry with plain distribution API calls or written as an OCI layout folder.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pushBlob, pushManifest } from './registry.js';

const sha256 = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

export interface WasmArtifact {
  /** Digest → bytes of the config and the module. */
  blobs: Map<string, Buffer>;
  manifest: object;
}

export function wasmArtifact(module: Buffer, title = 'hello.wasm'): WasmArtifact {
  const moduleDigest = sha256(module);
  const config = Buffer.from(JSON.stringify({ architecture: 'wasm', os: 'wasip1', layerDigests: [moduleDigest] }));
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    artifactType: 'application/vnd.wasm.config.v0+json',
    config: { mediaType: 'application/vnd.wasm.config.v0+json', digest: sha256(config), size: config.length },
    layers: [
      {
        mediaType: 'application/wasm',
        digest: moduleDigest,
        size: module.length,
        annotations: { 'org.opencontainers.image.title': title },
      },
    ],
  };
  return {
    blobs: new Map([
      [sha256(config), config],
      [moduleDigest, module],
    ]),
    manifest,
  };
}

export async function pushArtifact(host: string, repository: string, tag: string, artifact: WasmArtifact): Promise<string> {
  for (const bytes of artifact.blobs.values()) await pushBlob(host, repository, bytes);
  return pushManifest(host, repository, tag, artifact.manifest);
}

/** An OCI layout folder holding the artifact, its index entry annotated `org.opencontainers.image.ref.name: refName`. */
export async function writeArtifactLayout(dir: string, artifact: WasmArtifact, refName: string): Promise<void> {
  const manifest = Buffer.from(JSON.stringify(artifact.manifest));
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  for (const [digest, bytes] of [...artifact.blobs, [sha256(manifest), manifest] as const]) {
    await writeFile(join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length)), bytes);
  }
  await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  const entry = {
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: sha256(manifest),
    size: manifest.length,
    annotations: { 'org.opencontainers.image.ref.name': refName },
  };
  await writeFile(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [entry] }));
}
