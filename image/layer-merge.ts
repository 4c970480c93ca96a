import { link, lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, posix } from 'node:path';
import { resolveInRoot } from './safe-path.js';
import { type LayerChanges, notAFile } from './unpack.js';

/**
 * Puts a layer unpacked in its own folder (`layer`) on top of `root`, which holds the layers below
 * it, with the rules of applying its tar there directly: whiteouts and opaque markers remove what
 * lower layers left, every path is resolved inside the root (a lower layer's symlink to a folder
 * is followed, unless the tar names that folder itself, which replaces the link), and entries are
 * moved by rename, whole subtrees at once where the root has nothing yet.
 */
export async function mergeLayer(layer: string, root: string, changes: LayerChanges, what: string): Promise<void> {
  for (const dir of changes.opaque) {
    const real = await resolveInRoot(root, dir, true);
    for (const child of await readdir(real).catch(() => [] as string[])) await rm(join(real, child), { force: true, recursive: true });
  }
  for (const path of changes.removed) {
    await rm(join(await resolveInRoot(root, dirname(path), true), basename(path)), { force: true, recursive: true });
  }
  await moveChildren(layer, root, '', changes.dirs);
  for (const [target, source] of changes.links) {
    const from = await resolveInRoot(root, source, false);
    const info = await lstat(from).catch(() => undefined);
    if (!info || info.isDirectory()) throw notAFile(what, source);
    const parent = await resolveInRoot(root, dirname(target), true);
    await mkdir(parent, { recursive: true });
    await rm(join(parent, basename(target)), { force: true, recursive: true });
    await link(from, join(parent, basename(target)));
  }
}

async function moveChildren(layer: string, root: string, rel: string, named: Set<string>): Promise<void> {
  const parent = await resolveInRoot(root, rel, true);
  await mkdir(parent, { recursive: true });
  for (const name of await readdir(join(layer, rel))) {
    const childRel = rel === '' ? name : posix.join(rel, name);
    const source = join(layer, childRel);
    const target = join(parent, name);
    const [info, existing] = await Promise.all([lstat(source), lstat(target).catch(() => undefined)]);
    if (info.isDirectory() && existing) {
      // A folder the tar only implies (a parent of its entries) goes through a lower symlink, as tar's mkdir -p would.
      const through = existing.isSymbolicLink() && !named.has(childRel);
      if (existing.isDirectory() || through) {
        await moveChildren(layer, root, childRel, named);
        continue;
      }
    }
    if (existing) await rm(target, { force: true, recursive: true });
    await rename(source, target);
  }
}
