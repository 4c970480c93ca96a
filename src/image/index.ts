/**
 * image/: given a reference or an archive, what is the entry module, its arguments, environment,
 * working directory and files? Sources (registry, docker save, OCI archive, OCI layout) all feed
 * one content-addressed store.
 */
import { ImageStore, type StoreOptions } from './store.js';

export type { FetchOptions, LoadSource, PullPolicy, Removed, ResolveOptions, StoredImage, StoreOptions } from './store.js';
export type { ProgressEvent, OnProgress } from './stage.js';
export type { ImageStore };
export { displayName, familiarRepository, normalizeReference, parseReference, type Reference } from './reference.js';
export { resolveInRoot } from './safe-path.js';
export { componentCacheDir } from './component-cache.js';

export const openStore = (root: string, options: StoreOptions = {}): ImageStore => new ImageStore(root, options);
