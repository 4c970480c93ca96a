import { lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join, posix } from 'node:path';
import * as dockerignore from '@balena/dockerignore';
import { WasmctlError } from '../../common/index.js';
import { resolveInRoot } from '../safe-path.js';
import { type FileNode, type SourceFs, globMatcher, hasGlob } from './file-tree.js';

const byName = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A host folder as a COPY source: the build context (minus what .dockerignore excludes) or a base
 * image's unpacked files. Symlinks are resolved inside the folder (resolveInRoot), never outside.
 * Its metadata calls are synchronous: each async one is a thread-pool round trip, several per file.
 */
export class HostFs implements SourceFs {
  private constructor(
    private readonly root: string,
    private readonly ignored: (rel: string) => boolean,
    /** A `!pattern` may bring back files inside an ignored folder: only then is such a folder walked. */
    private readonly exceptions = false,
  ) {}

  /** The build context: `.dockerignore` at its root, docker's syntax (moby's pattern matcher). */
  static async context(root: string): Promise<HostFs> {
    const info = lstatSync(root, { throwIfNoEntry: false });
    if (!info?.isDirectory()) throw new WasmctlError('NotFound', `build context ${root} is not a folder`);
    const text = readOptional(join(root, '.dockerignore'));
    const patterns = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    // A CommonJS module whose typings declare an ES default: under NodeNext tsc cannot call it as typed.
    const create = (dockerignore as unknown as { default: (o?: object) => { add(p: string[]): { ignores(p: string): boolean } } }).default;
    const ignore = create().add(patterns);
    return new HostFs(
      root,
      (rel) => rel !== '' && ignore.ignores(rel),
      patterns.some((p) => p.startsWith('!')),
    );
  }

  static folder(root: string): HostFs {
    return new HostFs(root, () => false);
  }

  async match(pattern: string): Promise<string[]> {
    if (!hasGlob(pattern)) return (await this.stat(pattern)) ? [pattern] : [];
    const matches = globMatcher(pattern);
    // A glob's folder part without wildcards narrows the walk (`src/*.wasm` reads only src/).
    const fixed = pattern.split('/');
    const firstGlob = fixed.findIndex(hasGlob);
    const base = fixed.slice(0, firstGlob).join('/');
    const under = await this.walk(base).catch(() => []);
    return under.map(([p]) => (base ? `${base}/${p}` : p)).filter((p) => matches(p));
  }

  async stat(rel: string): Promise<FileNode | undefined> {
    if (this.ignored(rel)) return undefined;
    const real = await resolveInRoot(this.root, rel, true).catch(() => undefined);
    if (!real) return undefined;
    return this.nodeOf(real, false);
  }

  async walk(rel: string): Promise<Array<[string, FileNode]>> {
    const out: Array<[string, FileNode]> = [];
    const visit = async (dirRel: string, prefix: string) => {
      const real = await resolveInRoot(this.root, dirRel, true);
      for (const name of readdirSync(real).sort()) {
        const childRel = dirRel ? `${dirRel}/${name}` : name;
        const rel2 = prefix ? `${prefix}/${name}` : name;
        const node = this.ignored(childRel) ? undefined : await this.nodeOf(join(real, name), true);
        if (node) out.push([rel2, node]);
        const ignoredDir = !node && this.exceptions && lstatSync(join(real, name)).isDirectory();
        if (node?.type === 'dir' || ignoredDir) await visit(childRel, rel2);
      }
    };
    await visit(rel === '.' ? '' : rel, '');
    return out.sort(byName);
  }

  private async nodeOf(path: string, keepLinks: boolean): Promise<FileNode | undefined> {
    const info = lstatSync(path, { throwIfNoEntry: false });
    if (!info) return undefined;
    const base = { mode: info.mode & 0o7777, uid: 0, gid: 0 };
    if (info.isSymbolicLink() && keepLinks) {
      return { ...base, type: 'symlink', size: 0, linkname: readlinkSync(path) };
    }
    if (info.isDirectory()) return { ...base, type: 'dir', size: 0 };
    if (info.isFile()) return { ...base, type: 'file', size: info.size, content: { path } };
    // Devices, sockets and FIFOs have no place in an image built from a context.
    return undefined;
  }
}

function readOptional(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** A COPY source as a path inside the context; `../x` that climbs out is refused. */
export function contextPath(source: string, where: string): string {
  const normal = posix.normalize(`/${source}`).slice(1);
  if (posix.normalize(source).startsWith('../') || posix.normalize(source) === '..') {
    throw new WasmctlError('InvalidArgument', `${where}: ${source} is outside the build context`, {
      hint: 'COPY reads only files inside the context folder; move the file in, or pick a wider context',
    });
  }
  return normal.replace(/\/$/, '');
}
