/**
 * The module's view of files: the image rootfs (read-only) as `/` plus the `-v` mounts. Every
 * path is resolved here, one component at a time in GUEST terms: `..` stops at `/`, and a
 * symlink's target is resolved again inside this namespace, so nothing reaches a host path
 * outside the rootfs and the mounts (a link to `/etc/passwd` lands on the rootfs' own file).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Errno, WasiError } from './errno.cjs';

export interface MountSpec {
  hostPath: string;
  guestPath: string;
  readOnly: boolean;
}

interface MountPoint {
  /** Guest path components, [] for `/`. */
  guest: string[];
  /** Real host folder; null for an empty, read-only root when there is no rootfs. */
  host: string | null;
  readOnly: boolean;
}

export interface Resolved {
  /** Normalised absolute guest path. */
  guestPath: string;
  /** Host path of the file; null when it is a virtual folder (a parent of a mount point). */
  hostPath: string | null;
  readOnly: boolean;
}

const MAX_SYMLINKS = 40;

const components = (p: string): string[] => p.split('/').filter((c) => c !== '' && c !== '.');

const isPrefix = (prefix: string[], of: string[]): boolean =>
  prefix.length <= of.length && prefix.every((c, i) => of[i] === c);

export class GuestNamespace {
  private readonly mounts: MountPoint[];

  constructor(rootfs: string | null, mounts: MountSpec[]) {
    const root: MountPoint = { guest: [], host: rootfs === null ? null : fs.realpathSync(rootfs), readOnly: true };
    const others = mounts.map((m) => ({
      guest: normaliseGuest(m.guestPath),
      host: fs.realpathSync(m.hostPath),
      readOnly: m.readOnly,
    }));
    // Longest guest prefix first, so the innermost mount owns a path.
    this.mounts = [root, ...others].sort((a, b) => b.guest.length - a.guest.length);
  }

  /** Guest paths of the mounts, for the preopened directories. */
  mountPoints(): string[] {
    return this.mounts.map((m) => `/${m.guest.join('/')}`).reverse();
  }

  /**
   * Resolves `p` (absolute, or relative to the guest folder `base`). Symlinks are followed,
   * the last component's only when `followLast`. A missing last component is fine (it may be
   * about to be created); a missing folder on the way is ENOENT.
   */
  resolve(p: string, base = '/', followLast = true): Resolved {
    const stack = p.startsWith('/') ? [] : components(base);
    const pending = components(p);
    let links = 0;
    while (pending.length > 0) {
      const c = pending.shift() as string;
      if (c === '..') {
        stack.pop();
        continue;
      }
      stack.push(c);
      if (pending.length === 0 && !followLast) break;
      const host = this.hostOf(stack).hostPath;
      if (host === null) continue;
      const stat = lstatOrNull(host);
      if (stat === null) {
        if (pending.length === 0 || this.isMountParent(stack)) continue;
        throw new WasiError(Errno.NOENT);
      }
      if (stat.isSymbolicLink()) {
        if (++links > MAX_SYMLINKS) throw new WasiError(Errno.LOOP);
        const target = fs.readlinkSync(host);
        stack.pop();
        if (target.startsWith('/')) stack.length = 0;
        pending.unshift(...components(target));
      } else if (pending.length > 0 && !stat.isDirectory()) {
        throw new WasiError(Errno.NOTDIR);
      }
    }
    return this.hostOf(stack);
  }

  /** Child names a folder must show because a mount point lies at or below them. */
  mountChildren(guestPath: string): string[] {
    const at = components(guestPath);
    return this.mounts
      .filter((m) => m.guest.length > at.length && isPrefix(at, m.guest))
      .map((m) => m.guest[at.length] as string);
  }

  private isMountParent(stack: string[]): boolean {
    return this.mounts.some((m) => m.guest.length > stack.length && isPrefix(stack, m.guest));
  }

  private hostOf(stack: string[]): Resolved {
    const guestPath = `/${stack.join('/')}`;
    const mount = this.mounts.find((m) => isPrefix(m.guest, stack));
    if (!mount) throw new WasiError(Errno.NOENT);
    const rest = stack.slice(mount.guest.length);
    if (mount.host === null) {
      if (rest.length === 0 || this.isMountParent(stack)) return { guestPath, hostPath: null, readOnly: true };
      throw new WasiError(Errno.NOENT);
    }
    const hostPath = path.join(mount.host, ...rest);
    // A folder above a mount point that the rootfs lacks is shown as an empty virtual folder.
    if (rest.length > 0 && this.isMountParent(stack) && lstatOrNull(hostPath) === null) {
      return { guestPath, hostPath: null, readOnly: true };
    }
    return { guestPath, hostPath, readOnly: mount.readOnly };
  }
}

function normaliseGuest(p: string): string[] {
  const out: string[] = [];
  for (const c of components(p)) {
    if (c === '..') out.pop();
    else out.push(c);
  }
  return out;
}

/** lstat, null when the path does not exist: links are the namespace's to resolve, never the host's. */
export function lstatOrNull(p: string): fs.Stats | null {
  try {
    return fs.lstatSync(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
