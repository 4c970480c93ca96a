import { join } from 'node:path';

/**
 * Where the store keeps transpiled WASI 0.2 components: one folder per toolchain that transpiles
 * them (named by the engine, `toolchainTag()`), in it one per component digest
 * (`components/<toolchain>/<hex>/`), so that only a component's first run pays for transpiling it.
 * `prune` given the current toolchain drops every other one's folder.
 */
export const componentCacheDir = (root: string): string => join(root, 'components');
