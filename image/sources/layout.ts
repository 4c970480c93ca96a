import { createReadStream } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { WasmctlError } from '../../common/index.js';
import { parseImageJson, readSmallFile, verifyBytes } from '../blob-copy.js';
import { exists } from '../exists.js';
import { selectManifest } from '../platform.js';
import { isTag, normalizeReference } from '../reference.js';
import { resolveInRoot } from '../safe-path.js';
import type { ImageSource, SelectOptions, SourceImage } from '../source.js';
import { Annotation, type Descriptor, IndexSchema, ManifestSchema, OciLayoutSchema, isIndexMediaType } from '../types.js';

const MAX_INDEX_DEPTH = 4;

/** A file or folder name as one lowercase repository component: `Hello_Layout.tar` → `hello-layout`. */
function repositoryFromPath(path: string): string | undefined {
  const name = basename(resolve(path)).replace(/\.(tar(\.gz)?|tgz)$/i, '');
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || undefined
  );
}

/**
 * A name annotation as a reference. A bare tag (`v1`, as `skopeo copy … oci:DIR:v1` writes) is
 * joined to the name of the folder or archive the user loaded: `hello-layout:v1`. That is the only
 * repository in sight, containerd names such tags the same way (`ctr import --base-name`, whose
 * default is a made-up `import-<date>`), and `wasmctl run hello-layout:v1` then finds the image
 * (normalised like any short name). Read from a stream there is no name to borrow: digest only.
 */
function namesOf(descriptor: Descriptor, repository: string | undefined): string[] {
  const full = descriptor.annotations?.[Annotation.containerdName];
  const refName = descriptor.annotations?.[Annotation.refName];
  if (full) return [normalizeReference(full)];
  if (!refName) return [];
  if (/[:/@]/.test(refName)) return [normalizeReference(refName)];
  return repository && isTag(refName) ? [normalizeReference(`${repository}:${refName}`)] : [];
}

export interface LayoutOptions extends SelectOptions {
  /** The folder or archive the user named; its name is the repository of bare-tag annotations. */
  namedAfter?: string;
}

/** An OCI image layout folder (`oci-layout`, `index.json`, `blobs/sha256/…`). */
export class LayoutSource implements ImageSource {
  private readonly repository: string | undefined;

  constructor(
    private readonly dir: string,
    private readonly what: string,
    private readonly options: LayoutOptions & {
      /** Names found elsewhere (docker save's manifest.json), keyed by config digest. */
      namesByConfig?: Map<string, string[]>;
    } = {},
  ) {
    this.repository = options.namedAfter === undefined ? undefined : repositoryFromPath(options.namedAfter);
  }

  async images(): Promise<SourceImage[]> {
    const layoutFile = join(this.dir, 'oci-layout');
    if (!(await exists(layoutFile))) {
      throw new WasmctlError('InvalidArgument', `${this.what} is not an OCI layout: oci-layout is missing`);
    }
    parseImageJson(await readSmallFile(layoutFile, `${this.what}: oci-layout`), OciLayoutSchema, `${this.what}: oci-layout`);
    const index = parseImageJson(
      await readSmallFile(join(this.dir, 'index.json'), `${this.what}: index.json`),
      IndexSchema,
      `${this.what}: index.json`,
    );
    const byDigest = new Map<string, SourceImage>();
    for (const descriptor of index.manifests) {
      const image = await this.resolve(descriptor, 0);
      const known = byDigest.get(image.manifestDigest);
      const names = [...namesOf(descriptor, this.repository), ...(this.options.namesByConfig?.get(image.manifest.config.digest) ?? [])];
      if (known) known.names = [...new Set([...known.names, ...names])];
      else byDigest.set(image.manifestDigest, { ...image, names: [...new Set(names)] });
    }
    return [...byDigest.values()];
  }

  async openBlob(_image: SourceImage, descriptor: Descriptor) {
    return createReadStream(await this.blobPath(descriptor.digest));
  }

  blobFile(_image: SourceImage, descriptor: Descriptor): Promise<string> {
    return this.blobPath(descriptor.digest);
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
      const nested = parseImageJson(bytes, IndexSchema, what);
      return this.resolve(selectManifest(nested.manifests, this.options.platform, what), depth + 1);
    }
    const manifest = parseImageJson(bytes, ManifestSchema, what);
    return { names: [], manifestDigest: descriptor.digest, manifestBytes: bytes, manifest };
  }
}
