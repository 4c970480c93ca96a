/**
 * FROM-scratch images built by buildah in a private storage (vfs driver, temp root) and pushed
 * where the tests need them: docker-archive:, oci-archive:, an oci: layout or a registry; skopeo
 * makes the zstd copies. Multi-platform lists come from `buildah manifest`.
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';

export interface Builder {
  dir: string;
  /** Builds `tag` from a Dockerfile and context files (name → bytes). */
  build(tag: string, dockerfile: string, files: Record<string, Buffer | string>, extra?: string[]): Promise<void>;
  /** Builds `tag` from a context folder the test laid out itself (modes, symlinks, .dockerignore). */
  buildDir(tag: string, context: string, extra?: string[]): Promise<void>;
  /** `buildah push` to any transport (`docker-archive:P:tag`, `oci-archive:P:tag`, `oci:DIR:tag`, `docker://…`). */
  push(tag: string, destination: string, extra?: string[]): Promise<void>;
  /** `buildah manifest create` of a list holding the built `images`, then `manifest push --all` to `destination`. */
  pushList(list: string, images: string[], destination: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startBuilder(): Promise<Builder> {
  const dir = await mkdtemp(join(tmpdir(), 'wasmctl-buildah-'));
  const storage = ['--root', join(dir, 'storage'), '--runroot', join(dir, 'run'), '--storage-driver', 'vfs'];
  let contexts = 0;
  const buildDir = async (tag: string, context: string, extra: string[] = []) => {
    await execa('buildah', [...storage, 'build', '--quiet', '--timestamp', '0', ...extra, '-t', tag, context]);
  };
  return {
    dir,
    async build(tag, dockerfile, files, extra = []) {
      const context = join(dir, `context-${contexts++}`);
      await mkdir(context);
      await writeFile(join(context, 'Dockerfile'), dockerfile);
      for (const [name, bytes] of Object.entries(files)) {
        await mkdir(dirname(join(context, name)), { recursive: true });
        await writeFile(join(context, name), bytes);
      }
      await buildDir(tag, context, extra);
    },
    buildDir,
    async push(tag, destination, extra = []) {
      await execa('buildah', [...storage, 'push', '--quiet', '--tls-verify=false', ...extra, tag, destination]);
    },
    async pushList(list, images, destination) {
      await execa('buildah', [...storage, 'manifest', 'create', list]);
      for (const image of images) await execa('buildah', [...storage, 'manifest', 'add', list, `containers-storage:${image}`]);
      await execa('buildah', [...storage, 'manifest', 'push', '--quiet', '--all', '--tls-verify=false', list, destination]);
    },
    async stop() {
      await execa('buildah', [...storage, 'rm', '--all'], { reject: false });
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** `skopeo copy` between transports, registries over plain HTTP. */
export async function skopeoCopy(from: string, to: string, extra: string[] = []): Promise<void> {
  await execa('skopeo', ['copy', '--quiet', '--src-tls-verify=false', '--dest-tls-verify=false', ...extra, from, to]);
}
