import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WasmctlError } from '../../common/index.js';
import { copyLayout, layoutEntries, saveArchive } from '../archive/index.js';
import type { PushOptions, Pushed } from '../push/index.js';
import type { ImageStore } from '../store.js';
import { type BuildOptions, buildImage } from './builder.js';
import { buildPlatforms, platformList } from './platforms.js';

export interface BuildOutput {
  type: 'oci' | 'docker' | 'oci-layout';
  dest: string;
}

export interface Built {
  digest: string;
  names: string[];
  /** With `push`, one per name: from the store, or a multi-platform build's index from its layout. */
  pushed?: Pushed[];
}

/**
 * A build into a temp layout, then into the store (as `load` of that layout: verified, locked,
 * atomic), or, with an output, to that archive or folder only, as buildx's `--output` does.
 * `--platform a,b` makes an image index, which the store (one image per name) cannot hold: as
 * buildx, it goes to a registry (`push`), an OCI layout folder or an archive only.
 */
export async function buildAndDeliver(
  store: ImageStore,
  options: Omit<BuildOptions, 'store' | 'outDir'>,
  output?: BuildOutput,
  push?: PushOptions,
): Promise<Built> {
  const platforms = platformList(options.platform);
  if (platforms.length > 1 && !push && !output) {
    throw new WasmctlError('InvalidArgument', `a build for ${platforms.length} platforms is an image index, which the store cannot hold`, {
      hint: 'add --push (with -t REGISTRY/NAME:TAG) or --output type=oci|docker|oci-layout,dest=PATH',
    });
  }
  const dir = mkdtempSync(join(tmpdir(), 'wasmctl-build-'));
  try {
    const outDir = join(dir, 'layout');
    if (platforms.length > 1) {
      const built = await buildPlatforms({ ...options, store, outDir }, platforms);
      if (output) await deliverLayout(outDir, output);
      const pushed: Pushed[] = [];
      if (push) {
        const { pushLayout } = await import('../push/index.js');
        for (const name of built.names) pushed.push(await pushLayout(outDir, name, push));
      }
      return { digest: built.manifestDigest, names: built.names, pushed };
    }
    const built = await buildImage({ ...options, ...(platforms[0] ? { platform: platforms[0] } : {}), store, outDir });
    if (!output) {
      await store.load({ path: outDir });
      if (push) {
        const { pushImage } = await import('../push/index.js');
        const pushed: Pushed[] = [];
        for (const name of built.names) pushed.push(await pushImage(store, name, push));
        return { digest: built.manifestDigest, names: built.names, pushed };
      }
    } else {
      await deliverLayout(outDir, output);
    }
    return { digest: built.manifestDigest, names: built.names };
  } finally {
    // A handful of files (the layout's blobs), removed without a thread-pool round trip each.
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The build's layout as the folder or archive `--output` asks for. */
async function deliverLayout(outDir: string, output: BuildOutput): Promise<void> {
  if (output.type === 'oci-layout') return copyLayout(outDir, output.dest);
  await saveArchive(await layoutEntries(outDir), output.type === 'docker' ? 'docker-archive' : 'oci-archive', output.dest);
}
