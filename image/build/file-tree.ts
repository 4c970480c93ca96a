import { posix } from 'node:path';
import picomatch from 'picomatch';

/** One file of an image being built; its bytes are read only when its layer is written. */
export interface FileNode {
  type: 'file' | 'dir' | 'symlink';
  /** Permission bits (0o755), no file-type bits. */
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** Where a file's bytes are: a host file (the context, a base image's rootfs) or in memory (ADD of a tar). */
  content?: { path: string } | { bytes: Buffer };
  linkname?: string;
}

/** What COPY reads from: the build context or an earlier stage. Paths are relative, posix, normalised. */
export interface SourceFs {
  /** The paths a COPY source names: itself, or what its glob matches (sorted); [] when nothing. */
  match(pattern: string): Promise<string[]>;
  /** The node at `rel`, a final symlink followed (inside the tree), as COPY does for a named source. */
  stat(rel: string): Promise<FileNode | undefined>;
  /** Every node under the folder `rel`, paths relative to it, sorted. */
  walk(rel: string): Promise<Array<[string, FileNode]>>;
}

export const hasGlob = (pattern: string): boolean => /[*?[]/.test(pattern);

export const globMatcher = (pattern: string): ((path: string) => boolean) =>
  // Go's filepath.Match, as docker uses for COPY sources: `*` stays inside one folder, dot files match.
  picomatch(pattern, { dot: true, noglobstar: true, nobrace: true, noextglob: true });

/** A stage's files: what its base image had plus what its COPY and ADD steps put there. */
export class FileTree implements SourceFs {
  readonly nodes = new Map<string, FileNode>();

  set(path: string, node: FileNode): void {
    this.nodes.set(path, node);
  }

  get(path: string): FileNode | undefined {
    return this.nodes.get(path);
  }

  async match(pattern: string): Promise<string[]> {
    if (!hasGlob(pattern)) return this.nodes.has(pattern) ? [pattern] : [];
    const matches = globMatcher(pattern);
    return [...this.nodes.keys()].filter((p) => matches(p)).sort();
  }

  async stat(rel: string): Promise<FileNode | undefined> {
    let path = rel;
    for (let hops = 0; hops < 40; hops++) {
      const node = this.nodes.get(path);
      if (node?.type !== 'symlink') return node;
      const target = node.linkname ?? '';
      path = posix.normalize(target.startsWith('/') ? target : posix.join(posix.dirname(path), target)).replace(/^(\.\.\/|\/)+/, '');
    }
    return undefined;
  }

  async walk(rel: string): Promise<Array<[string, FileNode]>> {
    const prefix = rel === '' || rel === '.' ? '' : `${rel}/`;
    return [...this.nodes]
      .filter(([p]) => p.startsWith(prefix) && p !== rel)
      .map(([p, node]): [string, FileNode] => [p.slice(prefix.length), node])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}
