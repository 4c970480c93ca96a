/**
 * The module's view of files: the image rootfs (read-only) or a `-v DIR:/` folder as `/`, the
 * other `-v` mounts spliced in at their guest paths, and empty read-only "virtual" folders for the
 * parents of mount points that nothing provides.
 *
 * Resolution works as openat with RESOLVE_BENEATH (cap-std's rules, which wasmtime and the WASI
 * filesystem spec follow): a path is relative to a directory handle and may never leave it — `..`
 * above it, an absolute path, or a link to an absolute path is NOTCAPABLE. The one widening: from a
 * handle on the guest's `/`, that `/` is a root as in a container — an absolute link target is
 * resolved from it (images hold such links, e.g. `/usr/bin/x -> /usr/lib/x`) and `..` stops at it —
 * which still never leaves the namespace. Each directory on the
 * way is opened with O_NOFOLLOW from the previous one's fd, so a link swapped in by another process
 * fails the walk instead of leading out.
 */
import type { Mount } from '../../types.js';
import { codeOf, Errno, fail } from './errno.cjs';
import { closeQuietly, fstat, lstatAt, openDirAt, openRootDir, readlinkAt, release, type HostStats } from './host-fs.cjs';
import { resolveBeneath } from './resolve-beneath.cjs';

export interface MountPoint {
  /** Guest path components, [] for `/`. */
  guest: string[];
  /** A walking handle on the mounted host folder; null for an empty virtual root. */
  fd: number | null;
  readOnly: boolean;
  /** Identity of the mounted folder: it may be neither removed nor renamed (EBUSY). */
  dev: bigint;
  ino: bigint;
}

/** A directory during a walk, or one a guest fd holds. */
export interface Place {
  /** Host walking handle; null for a virtual folder. */
  fd: number | null;
  guest: string[];
  mount: MountPoint;
}

/** Where a path led: the directory holding the last component, and that component. */
export interface Target {
  parent: Place;
  /** One name without `/`; '.' when the path names `parent` itself. */
  name: string;
  /** Guest components of the target itself. */
  guest: string[];
  /** The path ended with `/`: the target must be a directory. */
  mustBeDir: boolean;
  /** The walking handles this resolution opened (parent.fd among them): close with release(). */
  opened: number[];
  /** The last component's lstat when the walk took it (null: it does not exist); absent when not looked at. */
  stats?: HostStats | null;
  /**
   * Set by resolve's `whole` (path_open only): no folder was opened, and `parent.fd` is the start's,
   * not the parent's — the object is opened by openat2 of `path` beneath `fd` (resolve-beneath.cts).
   */
  beneath?: { fd: number; path: string; resolve: number };
}

const MAX_SYMLINKS = 40;

const startsWith = (of: string[], prefix: string[]): boolean => prefix.length <= of.length && prefix.every((c, i) => of[i] === c);

const sameGuest = (a: string[], b: string[]): boolean => a.length === b.length && startsWith(a, b);

export class GuestNamespace {
  readonly mounts: MountPoint[];
  readonly root: MountPoint;

  constructor(rootfs: string | null, mounts: Mount[]) {
    const rootMount = mounts.find((m) => guestComponents(m.guestPath).length === 0);
    const opened: MountPoint[] = [];
    try {
      const root = rootMount
        ? openMount([], rootMount.hostPath, rootMount.readOnly)
        : rootfs === null
          ? { guest: [], fd: null, readOnly: true, dev: -1n, ino: -1n }
          : openMount([], rootfs, true);
      opened.push(root);
      for (const m of mounts) if (m !== rootMount) opened.push(openMount(guestComponents(m.guestPath), m.hostPath, m.readOnly));
    } catch (err) {
      for (const m of opened) if (m.fd !== null) closeQuietly(m.fd);
      throw err;
    }
    this.root = opened[0] as MountPoint;
    // A bare module with no folders gets no preopen at all (as wasmtime gives none).
    this.mounts = this.root.fd === null && opened.length === 1 ? [] : opened;
  }

  close(): void {
    for (const m of this.mounts) if (m.fd !== null) closeQuietly(m.fd);
  }

  rootPlace(mount: MountPoint): Place {
    return { fd: mount.fd, guest: mount.guest, mount };
  }

  private mountAt(guest: string[]): MountPoint | undefined {
    return this.mounts.find((m) => sameGuest(m.guest, guest));
  }

  /** A mount point lies strictly below `guest`: it must show as a folder even where none exists. */
  isMountParent(guest: string[]): boolean {
    return this.mounts.some((m) => m.guest.length > guest.length && startsWith(m.guest, guest));
  }

  /** Names a folder must list because a mount point lies at or below them. */
  mountChildren(guest: string[]): Array<{ name: string; mount: MountPoint | undefined }> {
    // A child that is itself a mount point is that mount; one that only leads to deeper ones is virtual.
    const seen = new Map<string, MountPoint | undefined>();
    for (const m of this.mounts) {
      if (m.guest.length <= guest.length || !startsWith(m.guest, guest)) continue;
      const name = m.guest[guest.length] as string;
      if (m.guest.length === guest.length + 1) seen.set(name, m);
      else if (!seen.has(name)) seen.set(name, undefined);
    }
    return [...seen].map(([name, mount]) => ({ name, mount }));
  }

  /** The mount whose root is the host object with this identity, if any. */
  isMountRoot(stats: HostStats): boolean {
    return this.mounts.some((m) => m.dev === stats.dev && m.ino === stats.ino);
  }

  /** Resolves `path` beneath `start`, following links (the last one's only when `followLast`). */
  resolve(start: Place, path: string, followLast: boolean, whole = false): Target {
    if (path === '') fail(Errno.NOENT);
    if (path.startsWith('/')) fail(Errno.NOTCAPABLE);
    const fast = resolveBeneath(this, start, path, followLast, whole);
    if (fast !== null) return fast;
    const stack: Place[] = [start];
    const opened: number[] = [];
    const pending = path.split('/');
    let mustBeDir = path.endsWith('/');
    let links = 0;
    const top = (): Place => stack[stack.length - 1] as Place;
    try {
      while (pending.length > 0) {
        const name = pending.shift() as string;
        if (name === '' || name === '.') continue;
        const last = !pending.some((c) => c !== '' && c !== '.');
        if (name === '..') {
          // The guest's own `/` is a root as in POSIX (`/..` is `/`); any other start is a fence.
          if (stack.length === 1) {
            if (start.guest.length > 0) fail(Errno.NOTCAPABLE);
            continue;
          }
          stack.pop();
          continue;
        }
        const here = top();
        const guest = [...here.guest, name];
        const mount = this.mountAt(guest);
        if (mount) {
          stack.push(this.rootPlace(mount));
          continue;
        }
        if (last && !followLast && !mustBeDir) return { parent: here, name, guest, mustBeDir, opened };
        const step = last ? this.lastStep(here, name, guest) : this.step(here, name, guest);
        if (step.kind === 'link') {
          if (++links > MAX_SYMLINKS) fail(Errno.LOOP);
          if (step.target === '') fail(Errno.NOENT);
          if (step.target.startsWith('/')) {
            if (start.guest.length > 0) fail(Errno.NOTCAPABLE);
            stack.length = 1;
          }
          if (last && step.target.endsWith('/')) mustBeDir = true;
          pending.unshift(...step.target.split('/'));
          continue;
        }
        if (step.kind === 'virtual') {
          stack.push({ fd: null, guest, mount: here.mount });
          if (last) return { parent: top(), name: '.', guest, mustBeDir, opened };
          continue;
        }
        if (step.kind === 'dir') {
          opened.push(step.fd);
          stack.push({ fd: step.fd, guest, mount: here.mount });
          continue;
        }
        if (!last) fail(step.kind === 'missing' ? Errno.NOENT : Errno.NOTDIR);
        return { parent: here, name, guest, mustBeDir, opened, stats: step.kind === 'found' ? step.stats : null };
      }
      const place = top();
      return { parent: place, name: '.', guest: place.guest, mustBeDir, opened };
    } catch (err) {
      release(opened);
      throw err;
    }
  }

  /** A component on the way: a folder (opened for the next step), a link (its text), virtual, or missing. */
  private step(here: Place, name: string, guest: string[]): Step {
    if (here.fd === null) return { kind: this.isMountParent(guest) ? 'virtual' : 'missing' };
    try {
      return { kind: 'dir', fd: openDirAt(here.fd, name) };
    } catch (err) {
      const code = codeOf(err);
      if (code === 'ENOENT') return { kind: this.isMountParent(guest) ? 'virtual' : 'missing' };
      if (code !== 'ENOTDIR' && code !== 'ELOOP') throw err;
    }
    return this.lastStep(here, name, guest);
  }

  /** The last component, followed: one lstat (no open), kept for the caller. */
  private lastStep(here: Place, name: string, guest: string[]): Step {
    if (here.fd === null) return { kind: this.isMountParent(guest) ? 'virtual' : 'missing' };
    const stats = lstatAt(here.fd, name);
    if (stats === null) return { kind: this.isMountParent(guest) ? 'virtual' : 'missing' };
    if (stats.isSymbolicLink()) return { kind: 'link', target: readLinkText(here.fd, name) };
    return { kind: 'found', stats };
  }
}

type Step =
  { kind: 'dir'; fd: number } | { kind: 'link'; target: string } | { kind: 'found'; stats: HostStats } | { kind: 'virtual' | 'missing' };

export { release };

const readLinkText = (dirFd: number, name: string): string => readlinkAt(dirFd, name).toString();

function openMount(guest: string[], hostPath: string, readOnly: boolean): MountPoint {
  const fd = openRootDir(hostPath);
  const stats = fstat(fd);
  return { guest, fd, readOnly, dev: stats.dev, ino: stats.ino };
}

export function guestComponents(p: string): string[] {
  const out: string[] = [];
  for (const c of p.split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') out.pop();
    else out.push(c);
  }
  return out;
}
