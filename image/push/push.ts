import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WasmctlError } from '../../common/index.js';
import { parseImageJson, readSmallFile, sha256Of } from '../blob-copy.js';
import { normalizeReference, parseReference } from '../reference.js';
import { RegistryWriter, type WriterOptions } from '../registry/writer.js';
import type { ImageStore } from '../store.js';
import { type Descriptor, IndexSchema, ManifestSchema } from '../types.js';
import { type PushDocument, documentMediaType, pushTree } from './tree.js';

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
    throw new WasmctlError('InvalidArgument', `image ${reference} has no name to push under`, {
      hint: 'name it first: wasmctl tag IMAGE REGISTRY/NAME:TAG',
    });
  }
  const ref = parseReference(image.reference);
  const bytes = await readFile(store.blobFile(image.digest));
  const root = { digest: image.digest, mediaType: documentMediaType(bytes, `the manifest of ${image.reference}`), bytes };
  const sources = await mountSources(store, ref.domain, ref.path);
  return pushDocuments(image.reference, root, (d) => store.blobFile(d), sources, options);
}

/**
 * Pushes what an OCI layout folder's index.json names first, as `skopeo copy --all oci:DIR
 * docker://REF` does: an image index with every platform's blobs and manifest (each by digest,
 * then the index under the tag), or a single manifest.
 */
export async function pushLayout(dir: string, reference: string, options: PushOptions = {}): Promise<Pushed> {
  const what = `the layout ${dir}`;
  const blobFile = (digest: string) => join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length));
  const index = parseImageJson(await readSmallFile(join(dir, 'index.json'), `${what}: index.json`), IndexSchema, `${what}: index.json`);
  const [first] = index.manifests;
  if (!first) throw new WasmctlError('InvalidArgument', `${what} holds no image`);
  const bytes = await readSmallFile(blobFile(first.digest), `${what}: ${first.digest}`);
  if (sha256Of(bytes) !== first.digest) throw new WasmctlError('DataLoss', `${what}: ${first.digest} does not match its digest`);
  return pushDocuments(
    normalizeReference(reference),
    { digest: first.digest, mediaType: first.mediaType, bytes },
    blobFile,
    new Map(),
    options,
  );
}

async function pushDocuments(
  reference: string,
  root: PushDocument,
  blobFile: (digest: string) => string,
  sources: Map<string, string>,
  options: PushOptions,
): Promise<Pushed> {
  const ref = parseReference(reference);
  const tree = await pushTree(root, blobFile, reference);
  const writer = new RegistryWriter(ref.domain, ref.path, options);
  const result: Pushed = { reference, digest: root.digest, uploaded: [], mounted: [], skipped: [] };
  const report = (d: Descriptor, status: PushEvent['status'], current: number) =>
    options.onProgress?.({ id: shortId(d.digest), status, current, total: d.size });
  for (const d of tree.blobs) report(d, 'Preparing', 0);

  const pushBlob = async (d: Descriptor) => {
    const blob = { digest: d.digest, size: d.size, path: blobFile(d.digest) };
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
  const queue = [...tree.blobs];
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
      for (let d = queue.shift(); d; d = queue.shift()) await pushBlob(d);
    }),
  );
  // Children by digest first: a registry refuses an index whose manifests it does not hold.
  for (const doc of tree.documents) {
    const isRoot = doc === root || doc.digest === root.digest;
    await writer.putManifest(isRoot ? (ref.tag ?? root.digest) : doc.digest, doc.bytes, doc.mediaType);
  }
  return result;
}
