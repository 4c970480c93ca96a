import { lstatSync, readlinkSync } from 'node:fs';
import { join, posix } from 'node:path';
import { WasmctlError } from '../common/index.js';

const MAX_LINK_HOPS = 255;

/**
 * A tar entry name as a path relative to the root; absolute names count from the root (as tar
 * does), names that climb out with `..` are refused rather than clamped.
 */
export function entryPath(name: string, what: string): string {
  const normal = posix.normalize(`/${name}`).slice(1).replace(/\/+$/, '');
  const climbs = posix.normalize(name.replace(/^\/+/, '')).split('/').includes('..');
  if (climbs || name.includes('\0')) {
    throw new WasmctlError('PermissionDenied', `${what} has an entry "${name}" that points outside the image root`);
  }
  return normal;
}

/**
 * Resolves `rel` inside `root` as if root were `/` (chroot semantics, like filepath-securejoin):
 * symlinks met on the way are followed but never out of the root; `..` stops at the root.
 * The last component is followed only when `followLast` is set. Each component is one synchronous
 * lstat: an async one per component is a thread-pool round trip for a call of microseconds.
 */
export async function resolveInRoot(root: string, rel: string, followLast = false): Promise<string> {
  const pending = rel.split('/');
  const resolved: string[] = [];
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.shift() as string;
    if (part === '' || part === '.') continue;
    if (part === '..') {
      resolved.pop();
      continue;
    }
    const candidate = join(root, ...resolved, part);
    const isLast = !pending.some((p) => p !== '' && p !== '.');
    if (isLast && !followLast) {
      resolved.push(part);
      break;
    }
    const stat = lstatSync(candidate, { throwIfNoEntry: false });
    if (!stat?.isSymbolicLink()) {
      resolved.push(part);
      continue;
    }
    if (++hops > MAX_LINK_HOPS) {
      throw new WasmctlError('InvalidArgument', `too many levels of symbolic links in "${rel}"`);
    }
    const target = readlinkSync(candidate);
    if (target.startsWith('/')) resolved.length = 0;
    pending.unshift(...target.split('/'));
  }
  return join(root, ...resolved);
}
