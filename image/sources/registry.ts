import { z } from 'zod';
import { WasmctlError } from '../../common/index.js';
import { parseImageJson } from '../blob-copy.js';
import { selectManifest } from '../platform.js';
import { type Reference, formatReference } from '../reference.js';
import { type ClientOptions, type FetchedManifest, RegistryClient } from '../registry/client.js';
import type { ImageSource, SelectOptions, SourceImage } from '../source.js';
import { type Descriptor, IndexSchema, ManifestSchema, isIndexMediaType } from '../types.js';

const KindSchema = z.object({ mediaType: z.string().optional(), manifests: z.array(z.unknown()).optional() });

/** A repository in a distribution v2 registry. Layer `urls` are ignored: blobs come only from the registry. */
export class RegistrySource implements ImageSource {
  private readonly client: RegistryClient;
  private readonly label: string;

  constructor(
    private readonly ref: Reference,
    private readonly options: SelectOptions & ClientOptions,
  ) {
    this.client = new RegistryClient(ref.domain, ref.path, options);
    this.label = formatReference(ref);
  }

  async images(): Promise<SourceImage[]> {
    let fetched = await this.client.manifest(this.ref.digest ?? this.ref.tag ?? 'latest', this.label);
    if (this.isIndex(fetched)) {
      const index = parseImageJson(fetched.bytes, IndexSchema, `the index of ${this.label}`);
      const chosen = selectManifest(index.manifests, this.options.platform, this.label);
      fetched = await this.client.manifest(chosen.digest, this.label);
      if (this.isIndex(fetched)) throw new WasmctlError('Unimplemented', `${this.label} nests an index in an index`);
    }
    const manifest = parseImageJson(fetched.bytes, ManifestSchema, `the manifest of ${this.label}`);
    return [{ names: [this.label], manifestDigest: fetched.digest, manifestBytes: fetched.bytes, manifest }];
  }

  openBlob(_image: SourceImage, descriptor: Descriptor) {
    return this.client.blob(descriptor.digest, this.label);
  }

  private isIndex(fetched: FetchedManifest): boolean {
    const doc = parseImageJson(fetched.bytes, KindSchema, `the manifest of ${this.label}`);
    return isIndexMediaType(fetched.mediaType) || isIndexMediaType(doc.mediaType) || doc.manifests !== undefined;
  }
}
