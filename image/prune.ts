import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

async function sizeOf(path: string): Promise<number> {
  const info = await lstat(path);
  if (!info.isDirectory()) return info.size;
  const entries = await readdir(path, { recursive: true });
  const sizes = await Promise.all(
    entries.map((e) =>
      lstat(join(path, e)).then(
        (s) => (s.isDirectory() ? 0 : s.size),
        () => 0,
      ),
    ),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

/** Removes every entry of `dir` whose name is not in `keep`; returns the bytes it held. */
export async function removeUnlisted(dir: string, keep: Set<string>): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  let bytes = 0;
  for (const name of names.filter((n) => !keep.has(n))) {
    const path = join(dir, name);
    bytes += await sizeOf(path).catch(() => 0);
    await rm(path, { recursive: true, force: true });
  }
  return bytes;
}
