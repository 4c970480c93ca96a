import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { WasmctlError } from '../../common/index.js';
import { SizeBudget, decompressorFor, peek } from '../compression.js';
import { parseImageJson, readSmallFile } from '../blob-copy.js';
import { displayName } from '../reference.js';
import { Annotation, ImageConfigSchema, type Manifest, MediaType } from '../types.js';
import { type ArchiveMember, fileHeader, writeTar } from './tar-writer.js';

/** One image to write out: its manifest and where each of its blobs is. */
export interface ArchiveImage {
  names: string[];
  manifestDigest: string;
  manifestBytes: Buffer;
  manifest: Manifest;
  blobFile(digest: string): string;
}

const hex = (digest: string) => digest.slice('sha256:'.length);

async function fileMember(name: string, path: string): Promise<ArchiveMember> {
  return { header: fileHeader(name), path, size: (await stat(path)).size };
}

/** An OCI image layout as one tar (what `buildah push oci-archive:` and buildx `type=oci` write). */
export async function writeOciArchive(images: ArchiveImage[], out: Writable): Promise<void> {
  async function* members(): AsyncGenerator<ArchiveMember> {
    yield { header: fileHeader('oci-layout'), bytes: Buffer.from('{"imageLayoutVersion":"1.0.0"}') };
    const written = new Set<string>();
    for (const image of images) {
      for (const d of [image.manifest.config, ...image.manifest.layers]) {
        if (written.has(d.digest)) continue;
        written.add(d.digest);
        yield fileMember(`blobs/sha256/${hex(d.digest)}`, image.blobFile(d.digest));
      }
      if (!written.has(image.manifestDigest))
        yield { header: fileHeader(`blobs/sha256/${hex(image.manifestDigest)}`), bytes: image.manifestBytes };
      written.add(image.manifestDigest);
    }
    const entry = (image: ArchiveImage) => ({
      mediaType: image.manifest.mediaType ?? MediaType.ociManifest,
      digest: image.manifestDigest,
      size: image.manifestBytes.length,
    });
    const manifests = images.flatMap((image) =>
      image.names.length === 0
        ? [entry(image)]
        : image.names.map((name) => ({ ...entry(image), annotations: { [Annotation.refName]: name, [Annotation.containerdName]: name } })),
    );
    yield {
      header: fileHeader('index.json'),
      bytes: Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests })),
    };
  }
  await writeTar(members(), [out]);
}

const familiar = (name: string) => {
  const { repository, tag } = displayName(name);
  return `${repository}:${tag}`;
};

/**
 * `docker save`'s format (what `docker load` and `skopeo copy docker-archive:` read): per image a
 * `<config>.json`, layers uncompressed as `<diff_id>.tar`, and manifest.json naming them with the
 * images' RepoTags.
 */
export async function writeDockerArchive(images: ArchiveImage[], out: Writable): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), 'wasmctl-save-'));
  try {
    async function* members(): AsyncGenerator<ArchiveMember> {
      const entries: Array<{ Config: string; RepoTags: string[]; Layers: string[] }> = [];
      const written = new Set<string>();
      for (const image of images) {
        if (image.manifest.config.mediaType === MediaType.wasmConfig) {
          throw new WasmctlError(
            'InvalidArgument',
            `${image.names[0] ?? image.manifestDigest} is a Wasm OCI artifact, which a docker archive cannot hold`,
            {
              hint: 'save it with --format oci-archive',
            },
          );
        }
        const configPath = image.blobFile(image.manifest.config.digest);
        const config = parseImageJson(
          await readSmallFile(configPath, configPath),
          ImageConfigSchema,
          `config ${image.manifest.config.digest}`,
        );
        const configName = `${hex(image.manifest.config.digest)}.json`;
        if (!written.has(configName)) yield fileMember(configName, configPath);
        written.add(configName);
        const layers: string[] = [];
        for (const [i, layer] of image.manifest.layers.entries()) {
          const name = `${hex(config.rootfs.diff_ids[i] ?? layer.digest)}.tar`;
          layers.push(name);
          if (written.has(name)) continue;
          written.add(name);
          const plain = join(scratch, name);
          await uncompressed(image.blobFile(layer.digest), plain);
          yield fileMember(name, plain);
        }
        entries.push({ Config: configName, RepoTags: image.names.map(familiar), Layers: layers });
      }
      yield { header: fileHeader('manifest.json'), bytes: Buffer.from(JSON.stringify(entries)) };
    }
    await writeTar(members(), [out]);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function uncompressed(from: string, to: string): Promise<void> {
  const { head, stream } = await peek(createReadStream(from), 4);
  const decompress = decompressorFor(head, new SizeBudget(Number.MAX_SAFE_INTEGER));
  await pipeline([stream, ...(decompress ? [decompress] : []), createWriteStream(to)] as unknown as NodeJS.ReadWriteStream[]);
}
