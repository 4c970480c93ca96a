import { join } from 'node:path';

/**
 * Where the store keeps transpiled WASI 0.2 components, one folder per component digest
 * (`components/sha256/<hex>/`), so that only a component's first run pays for transpiling it.
 */
export const componentCacheDir = (root: string): string => join(root, 'components', 'sha256');
