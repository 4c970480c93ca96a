/**
 * The task's root folder from CreateTaskRequest's mounts. The engine shows the rootfs read-only,
 * so the snapshot's upperdir (fresh and empty at Create) can be ignored and no mount is needed in
 * the common cases: a bind mount is its source, a one-layer overlay is its lowerdir. Only an image
 * of several layers needs a union, and that one is made by the `mount` program (Node has no mount
 * call) as a read-only overlay of the lowerdirs on `<bundle>/rootfs`, undone at Delete.
 */
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { WasmctlError } from '../common/index.js';

export interface MountSpec {
  type: string;
  source: string;
  options: string[];
}

export interface Rootfs {
  path: string;
  release(): Promise<void>;
}

const nothingToRelease = async () => undefined;
// node:child_process, not execa: execa costs the server ~0.3 s of start-up and ~9 MB of heap.
const run = promisify(execFile);

function lowerdirsOf(mount: MountSpec): string[] {
  const option = mount.options.find((o) => o.startsWith('lowerdir='));
  return option ? option.slice('lowerdir='.length).split(':') : [];
}

export async function rootfsOf(mounts: MountSpec[], bundle: string, rootPath: string | undefined): Promise<Rootfs> {
  if (mounts.length === 0) {
    if (!rootPath) throw new WasmctlError('InvalidArgument', 'the task has no rootfs: no mounts in Create and no root.path in config.json');
    return { path: rootPath, release: nothingToRelease };
  }
  if (mounts.length > 1) {
    throw new WasmctlError('InvalidArgument', `${mounts.length} rootfs mounts given; the wasmctl shim takes one (overlay or bind)`);
  }
  const mount = mounts[0]!;
  const isBind = mount.type === 'bind' || mount.options.includes('bind') || mount.options.includes('rbind');
  if (isBind) return { path: mount.source, release: nothingToRelease };
  if (mount.type !== 'overlay') {
    throw new WasmctlError('InvalidArgument', `rootfs mount type "${mount.type}" is not supported by the wasmctl shim (overlay or bind)`, {
      hint: 'use the overlayfs or native snapshotter',
    });
  }
  const lowerdirs = lowerdirsOf(mount);
  if (lowerdirs.length === 1) return { path: lowerdirs[0]!, release: nothingToRelease };
  if (lowerdirs.length === 0) {
    // An overlay without a lowerdir is an empty image with only its (fresh) upper layer.
    const upper = mount.options.find((o) => o.startsWith('upperdir='));
    if (!upper) throw new WasmctlError('InvalidArgument', 'overlay rootfs mount has neither lowerdir nor upperdir');
    return { path: upper.slice('upperdir='.length), release: nothingToRelease };
  }
  const target = join(bundle, 'rootfs');
  try {
    await run('mount', ['-t', 'overlay', 'overlay', '-o', `ro,lowerdir=${lowerdirs.join(':')}`, target]);
  } catch (err) {
    throw new WasmctlError(
      'Internal',
      `cannot mount the image's ${lowerdirs.length} layers on ${target}: ${(err as { stderr?: string }).stderr ?? String(err)}`,
    );
  }
  return { path: target, release: () => run('umount', [target]).then(nothingToRelease, nothingToRelease) };
}
