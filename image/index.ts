/**
 * image/: given a reference or an archive, what is the entry module, its arguments, environment,
 * working directory and files? Sources (registry, docker save, OCI archive, OCI layout) all feed
 * one content-addressed store.
 */
import { ImageStore, type StoreOptions } from './store.js';

export type { FetchOptions, LoadSource, Pruned, PullPolicy, Removed, ResolveOptions, StoredImage, StoreOptions } from './store.js';
export type { ProgressEvent, OnProgress } from './stage.js';
export type { ImageStore };
export { displayName, familiarRepository, normalizeReference, parseReference, type Reference } from './reference.js';
export { resolveInRoot } from './safe-path.js';
export { componentCacheDir } from './component-cache.js';
export { commandOf, type CommandOverrides, type ImageCommand } from './command.js';

export const openStore = (root: string, options: StoreOptions = {}): ImageStore => new ImageStore(root, options);

// Building, saving and pushing load their libraries (dockerfile-ast, tar writers, the uploader) at
// first use: `run` and `images` read only the store's index and must not pay for them.
export type { BuildOptions, BuildOutput, Built, LayerCompression } from './build/index.js';
export type { ArchiveFormat } from './archive/index.js';
type BuildModule = typeof import('./build/index.js');
type ArchiveModule = typeof import('./archive/index.js');

export const buildAndDeliver = async (...args: Parameters<BuildModule['buildAndDeliver']>) =>
  (await import('./build/index.js')).buildAndDeliver(...args);

/**
 * docker save: stored images, and what `oci:DIR` layouts name (an image index too, which the store
 * cannot hold), into one archive, a file (written atomically) or a stream.
 */
export async function saveImages(
  store: ImageStore,
  references: string[],
  format: import('./archive/index.js').ArchiveFormat,
  dest: string | NodeJS.WritableStream,
): Promise<void> {
  const archive: ArchiveModule = await import('./archive/index.js');
  const entries: import('./archive/index.js').ArchiveEntry[] = [];
  for (const reference of references) {
    if (reference.startsWith('oci:')) entries.push(...(await archive.layoutEntries(reference.slice('oci:'.length), reference)));
    else entries.push(...(await archive.storedImages(store, [reference])));
  }
  if (typeof dest === 'string') await archive.saveArchive(entries, format, dest);
  else await archive.writeArchive(entries, format, dest as import('node:stream').Writable);
}

export type { PushEvent, PushOptions, Pushed } from './push/index.js';
/** Pushes a stored image under its name to its registry. */
export const pushImage = async (store: ImageStore, reference: string, options?: import('./push/index.js').PushOptions) =>
  (await import('./push/index.js')).pushImage(store, reference, options);
/** Pushes an OCI layout folder's image or image index (`skopeo copy --all oci:DIR docker://REF`). */
export const pushLayout = async (dir: string, reference: string, options?: import('./push/index.js').PushOptions) =>
  (await import('./push/index.js')).pushLayout(dir, reference, options);
export const registryLogin = async (...args: Parameters<typeof import('./registry/login.js').login>) =>
  (await import('./registry/login.js')).login(...args);
export const registryLogout = async (domain: string) => (await import('./registry/login.js')).logout(domain);
