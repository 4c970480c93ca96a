import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The installed package's folder, whichever way this code runs: from source under tsx
 * (`<pkg>/common/`), compiled by tsc (`<pkg>/dist/common/`) or from the bin's bundle
 * (`<pkg>/dist/bundle/`). Files shipped beside the code (`proto/`) are found from here.
 */
export function packageRoot(): string {
  root ??= findUp(dirname(fileURLToPath(import.meta.url)));
  return root;
}

function findUp(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'proto'))) return dir;
    // A copy of only bin/ and dist/ (no proto/) still runs modules: the place the files would be
    // is answered, and only a command that reads them fails, naming the missing file.
    if (dirname(dir) === dir) return join(from, '..', '..');
  }
}
