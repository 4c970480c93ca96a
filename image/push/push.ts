import { readFile } from 'node:fs/promises';
import { WasmctlError } from '../../common/index.js';
import { parseImageJson } from '../blob-copy.js';
import { parseReference } from '../reference.js';
import { RegistryWriter, type WriterOptions } from '../registry/writer.js';
import type { ImageStore } from '../store.js';
import { type Descriptor, ManifestSchema, MediaType } from '../types.js';

export interface PushEvent {
  /** The blob's digest, shortened as docker shows it. */
  id: string;
  status: 'Preparing' | 'Pushing' | 'Pushed' | 'Layer already exists' | 'Mounted';
  current: number;
  total: number;
}

export interface PushOptions extends WriterOptions {
  onProgress?: (event: PushEvent) => void;
}

export interface Pushed {
  reference: string;
  digest: string;
  /** What happened to each blob (config and layers). */
  uploaded: string[];
  mounted: string[];
  skipped: string[];
}

// As skopeo (--image-parallel-copies 6): on loopback the registry's hashing and writes, not the link, bound a blob.
const CONCURRENCY = 6;
const shortId = (digest: string) => digest.slice(7, 19);

/** Other repositories of the same registry whose stored images hold `digest`: mount sources. */
async function mountSources(store: ImageStore, domain: string, repository: string): Promise<Map<string, string>> {
  const sources = new Map<string, string>();
  for (const image of await store.list()) {
    const ref = image.reference.startsWith('sha256:') ? undefined : parseReference(image.reference);
    if (!ref || ref.domain !== domain || ref.path === repository) continue;
    const manifest = parseImageJson(await readFile(store.blobFile(image.digest)), ManifestSchema, `the manifest of ${image.reference}`);
    for (const d of [manifest.config, ...manifest.layers]) if (!sources.has(d.digest)) sources.set(d.digest, ref.path);
  }
  return sources;
}

/**
 * Pushes a stored image under its name: every blob is HEADed first and skipped when present,
 * mounted when another stored name in the same registry has it (the registry checks that it
 * does), else uploaded; then the manifest. A second push of the same image uploads nothing.
 */
export async function pushImage(store: ImageStore, reference: string, options: PushOptions = {}): Promise<Pushed> {
  const image = await store.get(reference);
  if (image.reference.startsWith('sha256:')) {
    throw new WasmctlError('InvalidArgument', `image ${reference} has no name to push under`, { hint: 'name it first: wasmctl tag IMAGE REGISTRY/NAME:TAG' });
  }
  const ref = parseReference(image.reference);
  const manifestBytes = await readFile(store.blobFile(image.digest));
  const manifest = parseImageJson(manifestBytes, ManifestSchema, `the manifest of ${image.reference}`);
  const writer = new RegistryWriter(ref.domain, ref.path, options);
  const sources = await mountSources(store, ref.domain, ref.path);
  const result: Pushed = { reference: image.reference, digest: image.digest, uploaded: [], mounted: [], skipped: [] };
  const blobs = [...new Map([manifest.config, ...manifest.layers].map((d) => [d.digest, d])).values()];
  const report = (d: Descriptor, status: PushEvent['status'], current: number) => options.onProgress?.({ id: shortId(d.digest), status, current, total: d.size });
  for (const d of blobs) report(d, 'Preparing', 0);

  const pushBlob = async (d: Descriptor) => {
    const blob = { digest: d.digest, size: d.size, path: store.blobFile(d.digest) };
    if (await writer.hasBlob(d.digest)) {
      result.skipped.push(d.digest);
      return report(d, 'Layer already exists', d.size);
    }
    let sent = 0;
    const onBytes = (n: number) => report(d, 'Pushing', (sent += n));
    const from = sources.get(d.digest);
    if (from && (await writer.mount(blob, from, onBytes))) {
      result.mounted.push(d.digest);
      return report(d, 'Mounted', d.size);
    }
    // A mount the registry declines (202) opens an upload session, which mount() has filled already.
    if (!from) await writer.upload(blob, onBytes);
    result.uploaded.push(d.digest);
    report(d, 'Pushed', d.size);
  };
  const queue = [...blobs];
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
      for (let d = queue.shift(); d; d = queue.shift()) await pushBlob(d);
    }),
  );
  await writer.putManifest(ref.tag ?? image.digest, manifestBytes, manifest.mediaType ?? MediaType.ociManifest);
  return result;
}
