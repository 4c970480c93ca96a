/**
 * The namespace's fast walk (with the native addon): the folders of a guest path resolved by ONE
 * openat2 beneath the start's fd — RESOLVE_BENEATH refuses `..` above it, absolute names and
 * absolute links; RESOLVE_NO_MAGICLINKS refuses /proc's links — instead of one O_NOFOLLOW open per
 * folder. It answers only where the kernel's rules are the namespace's own, and hands everything
 * else to the component walk (namespace.cts), which gives the exact answer:
 * - a path that names `..` or ends in `.`, or a start that is a virtual folder;
 * - a path through a mount point or towards one (the kernel would see the host folder beneath it),
 *   and any link under a start that has mounts below it (RESOLVE_NO_SYMLINKS: a link could lead to
 *   one);
 * - what the kernel refuses as an escape (EXDEV: the walk answers NOTCAPABLE, or resolves an
 *   absolute link from the guest's `/`), a link loop, a rename race (EAGAIN), a long path;
 * - a last component that is a link to follow.
 */
import * as fs from 'node:fs';
import { hostErrno, lstatAt, openBeneath, release, RESOLVE_NO_SYMLINKS, usesNative } from './host-fs.cjs';
import type { GuestNamespace, Place, Target } from './namespace.cjs';

const O_PATH = 0o10000000;
const { O_DIRECTORY } = fs.constants;
const { ENOENT, ENOTDIR, EACCES } = (require('node:os') as typeof import('node:os')).constants.errno;
/** The kernel's answers that are the component walk's too: passed to the module as they are. */
export const FINAL = new Set([-ENOENT, -ENOTDIR, -EACCES]);
const SLASH = 47;

/**
 * The Target the component walk would give, or null when that walk must answer. `whole` (path_open
 * without O_CREAT, not following the last link): no folder is opened; the Target's `beneath` names
 * the whole path for one openat2 of the object itself.
 */
export function resolveBeneath(ns: GuestNamespace, start: Place, path: string, followLast: boolean, whole: boolean): Target | null {
  if (start.fd === null || !usesNative()) return null;
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === SLASH) end--;
  const slash = path.lastIndexOf('/', end - 1);
  const name = path.slice(slash + 1, end);
  if (name === '' || name === '.' || name === '..') return null;
  const mustBeDir = end < path.length;
  const dirPath = slash < 0 ? '' : path.slice(0, slash);
  const dirs = dirPath === '' ? [] : dirPath.split('/').filter((c) => c !== '' && c !== '.');
  if (dirs.includes('..')) return null;
  const guest = [...start.guest, ...dirs, name];
  const below = ns.mountsBelow(start.guest);
  const first = guest[start.guest.length];
  if (below.some((m) => m.guest[start.guest.length] === first)) return null;
  let parent = start;
  const opened: number[] = [];
  const resolve = below.length > 0 ? RESOLVE_NO_SYMLINKS : 0;
  if (whole && dirs.length > 0 && !followLast && !mustBeDir) {
    const beneath = { fd: start.fd, path: path.slice(0, end), resolve };
    return { parent: { fd: start.fd, guest: guest.slice(0, -1), mount: start.mount }, name, guest, mustBeDir, opened, beneath };
  }
  if (dirs.length > 0) {
    const fd = openBeneath(start.fd, dirPath, O_PATH | O_DIRECTORY, resolve);
    if (fd < 0) {
      if (FINAL.has(fd)) throw hostErrno(fd, dirPath);
      return null;
    }
    opened.push(fd);
    parent = { fd, guest: guest.slice(0, -1), mount: start.mount };
  }
  if (!followLast && !mustBeDir) return { parent, name, guest, mustBeDir, opened };
  let stats;
  try {
    stats = lstatAt(parent.fd as number, name);
  } catch (err) {
    release(opened);
    throw err;
  }
  if (stats?.isSymbolicLink()) {
    release(opened);
    return null;
  }
  return { parent, name, guest, mustBeDir, opened, stats };
}
