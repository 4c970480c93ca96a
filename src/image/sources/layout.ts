import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { WasmctlError } from '../../common/index.js';
import { parseJson, readSmallFile, verifyBytes } from '../blob-copy.js';
import { selectManifest } from '../platform.js';
import { normalizeReference } from '../reference.js';
import { resolveInRoot } from '../safe-path.js';
import type { ImageSource, SelectOptions, SourceImage } from '../source.js';
import {
  Annotation,
  type Descriptor,
  IndexSchema,
  ManifestSchema,
  OciLayoutSchema,
  isIndexMediaType,
} from '../types.js';

const MAX_INDEX_DEPTH = 4;

/** A name annotation as a reference; a bare tag (`v1`, as `skopeo copy … oci:DIR:v1` writes) names nothing. */
function namesOf(descriptor: Descriptor): string[] {
  const full = descriptor.annotations?.[Annotation.containerdName];
  const refName = descriptor.annotations?.[Annotation.refName];
  const name = full ?? (refName && /[:/@]/.test(refName) ? refName : undefined);
  return name ? [normalizeReference(name)] : [];
}

/** An OCI image layout folder (`oci-layout`, `index.json`, `blobs/sha256/…`). */
export class LayoutSource implements ImageSource {
  constructor(
    private readonly dir: string,
    private readonly what: string,
    private readonly options: SelectOptions & {
      /** Names found elsewhere (docker save's manifest.json), keyed by config digest. */
      namesByConfig?: Map<string, string[]>;
    } = {},
  ) {}

  async images(): Promise<SourceImage[]> {
    const layoutFile = join(this.dir, 'oci-layout');
    if (!(await access(layoutFile).then(() => true, () => false))) {
      throw new WasmctlError('InvalidArgument', `${this.what} is not an OCI layout: oci-layout is missing`);
    }
    parseJson(await readSmallFile(layoutFile, `${this.what}: oci-layout`), OciLayoutSchema, `${this.what}: oci-layout`);
    const index = parseJson(
      await readSmallFile(join(this.dir, 'index.json'), `${this.what}: index.json`),
      IndexSchema,
      `${this.what}: index.json`,
    );
    const byDigest = new Map<string, SourceImage>();
    for (const descriptor of index.manifests) {
      const image = await this.resolve(descriptor, 0);
      const known = byDigest.get(image.manifestDigest);
      const names = [...namesOf(descriptor), ...(this.options.namesByConfig?.get(image.manifest.config.digest) ?? [])];
      if (known) known.names = [...new Set([...known.names, ...names])];
      else byDigest.set(image.manifestDigest, { ...image, names: [...new Set(names)] });
    }
    return [...byDigest.values()];
  }

  async openBlob(_image: SourceImage, descriptor: Descriptor) {
    return createReadStream(await this.blobPath(descriptor.digest));
  }

  private blobPath(digest: string): Promise<string> {
    return resolveInRoot(this.dir, `blobs/${digest.replace(':', '/')}`, true);
  }

  private async readBlob(descriptor: Descriptor, what: string): Promise<Buffer> {
    const bytes = await readSmallFile(await this.blobPath(descriptor.digest), what);
    return verifyBytes(bytes, descriptor, what);
  }

  private async resolve(descriptor: Descriptor, depth: number): Promise<SourceImage> {
    const what = `${this.what}: ${isIndexMediaType(descriptor.mediaType) ? 'index' : 'manifest'} ${descriptor.digest}`;
    const bytes = await this.readBlob(descriptor, what);
    if (isIndexMediaType(descriptor.mediaType)) {
      if (depth >= MAX_INDEX_DEPTH) throw new WasmctlError('DataLoss', `${what} nests indexes too deeply`);
      const nested = parseJson(bytes, IndexSchema, what);
      return this.resolve(selectManifest(nested.manifests, this.options.platform, what), depth + 1);
    }
    const manifest = parseJson(bytes, ManifestSchema, what);
    return { names: [], manifestDigest: descriptor.digest, manifestBytes: bytes, manifest };
  }
}
