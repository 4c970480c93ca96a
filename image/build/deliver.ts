import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyLayout, layoutImage, saveArchive } from '../archive/index.js';
import type { ImageStore } from '../store.js';
import { type BuildOptions, buildImage } from './builder.js';

export interface BuildOutput {
  type: 'oci' | 'docker' | 'oci-layout';
  dest: string;
}

export interface Built {
  digest: string;
  names: string[];
}

/**
 * A build into a temp layout, then into the store (as `load` of that layout: verified, locked,
 * atomic), or, with an output, to that archive or folder only, as buildx's `--output` does.
 */
export async function buildAndDeliver(store: ImageStore, options: Omit<BuildOptions, 'store' | 'outDir'>, output?: BuildOutput): Promise<Built> {
  const dir = await mkdtemp(join(tmpdir(), 'wasmctl-build-'));
  try {
    const outDir = join(dir, 'layout');
    const built = await buildImage({ ...options, store, outDir });
    if (!output) {
      await store.load({ path: outDir });
    } else if (output.type === 'oci-layout') {
      await copyLayout(outDir, output.dest);
    } else {
      const image = layoutImage(outDir, built.names, built.manifestDigest, built.manifestBytes);
      await saveArchive([image], output.type === 'docker' ? 'docker-archive' : 'oci-archive', output.dest);
    }
    return { digest: built.manifestDigest, names: built.names };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
