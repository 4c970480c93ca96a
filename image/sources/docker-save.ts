import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { WasmctlError } from '../../common/index.js';
import { parseImageJson, readSmallFile, sha256Of } from '../blob-copy.js';
import { sniffCompression } from '../compression.js';
import { exists } from '../exists.js';
import { normalizeReference } from '../reference.js';
import { resolveInRoot } from '../safe-path.js';
import type { ImageSource, SelectOptions, SourceImage } from '../source.js';
import { type Descriptor, DockerSaveManifestSchema, MediaType, type Manifest } from '../types.js';
import { LayoutSource } from './layout.js';

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return `sha256:${hash.digest('hex')}`;
}

/**
 * A `docker save` folder: legacy (`manifest.json`, `<id>/layer.tar`) gets a Docker schema 2
 * manifest written for it; Docker 25+ also carries an OCI layout, which is read instead.
 */
export async function dockerSaveSource(dir: string, what: string, options: SelectOptions): Promise<ImageSource> {
  const entries = parseImageJson(
    await readSmallFile(join(dir, 'manifest.json'), `${what}: manifest.json`),
    DockerSaveManifestSchema,
    `${what}: manifest.json`,
  );
  const namesOf = (tags: string[] | null | undefined) => (tags ?? []).map(normalizeReference);
  if (await exists(join(dir, 'oci-layout'))) {
    const namesByConfig = new Map(entries.map((e) => [e.Config.replace(/^blobs\/sha256\//, 'sha256:'), namesOf(e.RepoTags)] as const));
    return new LayoutSource(dir, what, { ...options, namesByConfig });
  }
  return new LegacySave(dir, what, entries, namesOf);
}

class LegacySave implements ImageSource {
  private readonly paths = new Map<string, string>();

  constructor(
    private readonly dir: string,
    private readonly what: string,
    private readonly entries: ReturnType<typeof DockerSaveManifestSchema.parse>,
    private readonly namesOf: (tags: string[] | null | undefined) => string[],
  ) {}

  async images(): Promise<SourceImage[]> {
    const images: SourceImage[] = [];
    for (const entry of this.entries) {
      const config = await this.describe(entry.Config, 'config', MediaType.dockerConfig);
      // The config's file name is its digest: the one check a legacy archive allows for it.
      const named = /([a-f0-9]{64})(?:\.json)?$/.exec(entry.Config)?.[1];
      if (named && config.digest !== `sha256:${named}`) {
        throw new WasmctlError('DataLoss', `${this.what}: config ${entry.Config} does not match its digest sha256:${named}`);
      }
      const layers: Descriptor[] = [];
      for (const layer of entry.Layers) {
        const path = await this.member(layer, 'layer');
        const gzip = (await sniffCompression(path)) === 'gzip';
        layers.push(await this.describe(layer, 'layer', gzip ? MediaType.dockerLayerGzip : MediaType.dockerLayerTar));
      }
      const manifest: Manifest = { schemaVersion: 2, mediaType: MediaType.dockerManifest, config, layers };
      const manifestBytes = Buffer.from(JSON.stringify(manifest));
      images.push({ names: this.namesOf(entry.RepoTags), manifestDigest: sha256Of(manifestBytes), manifestBytes, manifest });
    }
    return images;
  }

  async openBlob(image: SourceImage, descriptor: Descriptor) {
    return createReadStream(await this.blobFile(image, descriptor));
  }

  async blobFile(_image: SourceImage, descriptor: Descriptor): Promise<string> {
    const path = this.paths.get(descriptor.digest);
    if (!path) throw new WasmctlError('Internal', `${this.what} has no blob ${descriptor.digest}`);
    return path;
  }

  private async member(name: string, kind: string): Promise<string> {
    const path = await resolveInRoot(this.dir, name, true);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) {
      throw new WasmctlError('DataLoss', `${this.what}: manifest.json names ${kind} "${name}", which is not in the archive`);
    }
    return path;
  }

  private async describe(name: string, kind: string, mediaType: string): Promise<Descriptor> {
    const path = await this.member(name, kind);
    const digest = await hashFile(path);
    this.paths.set(digest, path);
    return { mediaType, digest, size: (await stat(path)).size };
  }
}
