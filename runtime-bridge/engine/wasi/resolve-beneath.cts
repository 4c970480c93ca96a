/**
 * The namespace's fast walk (with the native addon): the folders of a guest path resolved by ONE
 * openat2 beneath the start's fd — RESOLVE_BENEATH refuses `..` above it, absolute names and
 * absolute links; RESOLVE_NO_MAGICLINKS refuses /proc's links — instead of one O_NOFOLLOW open per
 * folder. It answers only where the kernel's rules are the namespace's own, and hands everything
 * else to the component walk (namespace.cts), which gives the exact answer:
 * - an absolute path, a path that names `..` or ends in `.`, or a start that is a virtual folder;
 * - a path through a mount point or towards one (the kernel would see the host folder beneath it),
 *   and any link under a start that has mounts below it (RESOLVE_NO_SYMLINKS: a link could lead to
 *   one);
 * - what the kernel refuses as an escape (EXDEV: the walk answers NOTCAPABLE, or resolves an
 *   absolute link from the guest's `/`), a link loop, a rename race (EAGAIN), a long path;
 * - a last component that is a link to follow.
 */
import * as fs from 'node:fs';
import { hostErrno, lstatAt, openBeneath, release, RESOLVE_NO_SYMLINKS, statBeneath, usesNative, type HostStats } from './host-fs.cjs';
import type { GuestNamespace, Place, Target } from './namespace.cjs';

const O_PATH = 0o10000000;
const { O_DIRECTORY } = fs.constants;
const { ENOENT, ENOTDIR, EACCES } = (require('node:os') as typeof import('node:os')).constants.errno;
/** The kernel's answers that are the component walk's too: passed to the module as they are. */
export const FINAL = new Set([-ENOENT, -ENOTDIR, -EACCES]);
const SLASH = 47;

/** A path the kernel may resolve: its folders, its last name, and the openat2 `resolve` flags. */
interface Plan {
  start: Place & { fd: number };
  /** The folders' part, '' when the last name lies in the start itself. */
  dirPath: string;
  name: string;
  mustBeDir: boolean;
  /** The path without its trailing slashes. */
  path: string;
  resolve: number;
}

/** `..` as a component anywhere in a path. */
const DOTDOT = /(^|\/)\.\.(\/|$)/;

function plan(ns: GuestNamespace, start: Place, path: string): Plan | null {
  if (start.fd === null || !usesNative() || path.charCodeAt(0) === SLASH || DOTDOT.test(path)) return null;
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === SLASH) end--;
  const slash = path.lastIndexOf('/', end - 1);
  const name = path.slice(slash + 1, end);
  if (name === '' || name === '.') return null;
  // Only folders that are `.` or empty (`./x`, `a//x`) is still the start's own folder.
  let dirPath = slash < 0 ? '' : path.slice(0, slash);
  if (dirPath !== '' && /^[./]*$/.test(dirPath)) dirPath = '';
  // A mount at or below the first name: the kernel would see the host folder under it.
  let resolve = 0;
  const depth = start.guest.length;
  for (const m of ns.mounts) {
    if (m.guest.length <= depth || !startsWith(m.guest, start.guest)) continue;
    resolve = RESOLVE_NO_SYMLINKS;
    if (m.guest[depth] === firstName(dirPath === '' ? name : dirPath)) return null;
  }
  return { start: start as Plan['start'], dirPath, name, mustBeDir: end < path.length, path: path.slice(0, end), resolve };
}

const startsWith = (of: string[], prefix: string[]): boolean => prefix.every((c, i) => of[i] === c);

/** The first component of a relative path that is not `.` (none is `..` here). */
function firstName(path: string): string {
  for (const c of path.split('/')) if (c !== '' && c !== '.') return c;
  return '';
}

/**
 * The Target the component walk would give, or null when that walk must answer. `whole` (path_open
 * without O_CREAT, not following the last link): no folder is opened; the Target's `beneath` names
 * the whole path for one openat2 of the object itself.
 */
export function resolveBeneath(ns: GuestNamespace, start: Place, path: string, followLast: boolean, whole: boolean): Target | null {
  const p = plan(ns, start, path);
  if (p === null) return null;
  const { dirPath, name, mustBeDir, resolve } = p;
  const dirs = dirPath === '' ? [] : dirPath.split('/').filter((c) => c !== '' && c !== '.');
  const guest = [...start.guest, ...dirs, name];
  let parent: Place = start;
  const opened: number[] = [];
  if (whole && dirs.length > 0 && !followLast && !mustBeDir) {
    const beneath = { fd: p.start.fd, path: p.path, resolve };
    return { parent: { fd: p.start.fd, guest: guest.slice(0, -1), mount: start.mount }, name, guest, mustBeDir, opened, beneath };
  }
  if (dirs.length > 0) {
    const fd = openBeneath(p.start.fd, dirPath, O_PATH | O_DIRECTORY, resolve);
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

/**
 * path_filestat_get's whole answer in one native call (openat2 of the folder, lstat in it, close):
 * the stats, or null when the component walk must answer (as above, and a last link to follow).
 */
export function statPath(ns: GuestNamespace, start: Place, path: string, follow: boolean): HostStats | null {
  const p = plan(ns, start, path);
  if (p === null || p.mustBeDir) return null;
  const r = statBeneath(p.start.fd, p.dirPath, p.name, p.resolve);
  if (typeof r !== 'number') return follow && r.isSymbolicLink() ? null : r;
  // -(1000 + errno): the folder's openat2 failed; else the lstat's own errno, final as it is.
  if (r > -1000) throw hostErrno(r, path);
  if (FINAL.has(r + 1000)) throw hostErrno(r + 1000, path);
  return null;
}
