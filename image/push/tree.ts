import { z } from 'zod';
import { WasmctlError } from '../../common/index.js';
import { parseImageJson, readSmallFile, verifyBytes } from '../blob-copy.js';
import { type Descriptor, IndexSchema, ManifestSchema, MediaType, isIndexMediaType } from '../types.js';

/** A manifest or index to PUT: its bytes, its media type, its digest. */
export interface PushDocument {
  digest: string;
  mediaType: string;
  bytes: Buffer;
}

/** What a push sends, in the order it is sent: the blobs, then the documents children first. */
export interface PushTree {
  blobs: Descriptor[];
  /** The platform manifests of an index (pushed by digest), then the root (pushed by tag). */
  documents: PushDocument[];
}

const MAX_DEPTH = 4;
const KindSchema = z.object({ mediaType: z.string().optional(), manifests: z.array(z.unknown()).optional() });
const isIndex = (doc: PushDocument, what: string): boolean => {
  const kind = parseImageJson(doc.bytes, KindSchema, what);
  return isIndexMediaType(doc.mediaType) || isIndexMediaType(kind.mediaType) || kind.manifests !== undefined;
};

/**
 * The documents and blobs under `root` (a manifest, or an index of manifests as `--platform a,b`
 * builds write), read through `blobFile` and verified against their descriptors, every blob once.
 */
export async function pushTree(root: PushDocument, blobFile: (digest: string) => string, what: string): Promise<PushTree> {
  const blobs = new Map<string, Descriptor>();
  const documents: PushDocument[] = [];
  const visit = async (doc: PushDocument, depth: number) => {
    if (isIndex(doc, `${what}: ${doc.digest}`)) {
      if (depth >= MAX_DEPTH) throw new WasmctlError('DataLoss', `${what} nests indexes too deeply`);
      const index = parseImageJson(doc.bytes, IndexSchema, `${what}: index ${doc.digest}`);
      for (const child of index.manifests) {
        const bytes = verifyBytes(
          await readSmallFile(blobFile(child.digest), `${what}: manifest ${child.digest}`),
          child,
          `${what}: manifest ${child.digest}`,
        );
        await visit({ digest: child.digest, mediaType: child.mediaType, bytes }, depth + 1);
      }
    } else {
      const manifest = parseImageJson(doc.bytes, ManifestSchema, `${what}: manifest ${doc.digest}`);
      for (const d of [manifest.config, ...manifest.layers]) if (!blobs.has(d.digest)) blobs.set(d.digest, d);
    }
    documents.push(doc);
  };
  await visit(root, 0);
  return { blobs: [...blobs.values()], documents };
}

/** The media type to PUT a document with: its own, else what its shape says. */
export function documentMediaType(bytes: Buffer, what: string): string {
  const kind = parseImageJson(bytes, KindSchema, what);
  return kind.mediaType ?? (kind.manifests !== undefined ? MediaType.ociIndex : MediaType.ociManifest);
}
