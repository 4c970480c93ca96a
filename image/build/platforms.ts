import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WasmctlError } from '../../common/index.js';
import { sha256Of } from '../blob-copy.js';
import { parsePlatform } from '../platform.js';
import { normalizeReference } from '../reference.js';
import { Annotation, MediaType } from '../types.js';
import { type BuildOptions, buildImage } from './builder.js';
import type { LayoutImage } from './image-doc.js';

/** `--platform a,b` as buildx reads it: each one built, in the order given, duplicates once. */
export const platformList = (platform: string | undefined): string[] =>
  platform === undefined
    ? []
    : [
        ...new Set(
          platform
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean),
        ),
      ];

/**
 * One image per platform into the same layout (layers the platforms share are one blob), then an
 * image index listing them with their platforms, which index.json names under the tags, as buildx
 * writes a multi-platform build.
 */
export async function buildPlatforms(options: BuildOptions, platforms: string[]): Promise<LayoutImage & { names: string[] }> {
  if (options.format === 'wasm') {
    throw new WasmctlError('InvalidArgument', '--format wasm makes a wasip1 artifact: it takes no --platform list', {
      hint: 'leave out --platform',
    });
  }
  const manifests = [];
  for (const platform of platforms) {
    const built = await buildImage({ ...options, platform, tags: [] });
    manifests.push({
      mediaType: MediaType.ociManifest,
      digest: built.manifestDigest,
      size: built.manifestBytes.length,
      platform: parsePlatform(platform),
    });
  }
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests }));
  const digest = sha256Of(bytes);
  writeFileSync(join(options.outDir, 'blobs', 'sha256', digest.slice(7)), bytes);
  const names = (options.tags ?? []).map(normalizeReference);
  const entry = { mediaType: MediaType.ociIndex, digest, size: bytes.length };
  const entries =
    names.length === 0
      ? [entry]
      : names.map((name) => ({ ...entry, annotations: { [Annotation.containerdName]: name, [Annotation.refName]: name } }));
  writeFileSync(
    join(options.outDir, 'index.json'),
    JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: entries }),
  );
  return { dir: options.outDir, manifestDigest: digest, manifestBytes: bytes, names };
}
