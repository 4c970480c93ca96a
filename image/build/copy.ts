import { posix } from 'node:path';
import { WasmctlError } from '../../common/index.js';
import { contextPath } from './context.js';
import type { Instruction } from './dockerfile.js';
import { shellWord, shellWords } from './expand.js';
import { type FileNode, FileTree, type SourceFs } from './file-tree.js';
import { readTarSource } from './add-tar.js';

export interface CopySource {
  fs: SourceFs;
  /** `the build context`, `stage build`, `image x`: for errors. */
  label: string;
  isContext: boolean;
}

const COPY_FLAGS = new Set(['from', 'chmod', 'chown', 'link']);
const ADD_FLAGS = new Set(['chmod', 'chown', 'link']);

const invalid = (where: string, message: string, hint?: string) =>
  new WasmctlError('InvalidArgument', `${where}: ${message}`, hint ? { hint } : {});

function ownerOf(spec: string | undefined, where: string): { uid: number; gid: number } | undefined {
  if (spec === undefined) return undefined;
  const m = /^(\d+)(?::(\d+))?$/.exec(spec);
  if (!m) {
    throw invalid(
      where,
      `--chown=${spec}: only numeric uid[:gid] is supported`,
      'a FROM scratch image has no /etc/passwd to look names up in',
    );
  }
  const uid = Number(m[1]);
  return { uid, gid: m[2] === undefined ? uid : Number(m[2]) };
}

function modeOf(spec: string | undefined, where: string): number | undefined {
  if (spec === undefined) return undefined;
  if (!/^[0-7]{3,4}$/.test(spec)) throw invalid(where, `--chmod=${spec}: give octal permission bits, e.g. 755`);
  return parseInt(spec, 8);
}

/** The instruction's flags checked and expanded; unknown ones are refused. */
export function copyFlags(step: Instruction, vars: ReadonlyMap<string, string>, escape: string) {
  const allowed = step.keyword === 'ADD' ? ADD_FLAGS : COPY_FLAGS;
  for (const name of step.flags.keys()) {
    if (!allowed.has(name)) throw invalid(step.where, `${step.keyword} --${name} is not supported`);
  }
  const flag = (name: string) => {
    const raw = step.flags.get(name);
    return raw === undefined ? undefined : shellWord(raw, vars, escape, step.where);
  };
  return { from: flag('from'), owner: ownerOf(flag('chown'), step.where), mode: modeOf(flag('chmod'), step.where) };
}

/**
 * What one COPY or ADD adds, as docker does it: a folder source copies its contents, several
 * sources (or a glob) need a destination folder ending in `/`, a relative destination is under
 * WORKDIR, missing parent folders are made (0755). The stage's tree is updated; the returned
 * entries (targets and their parents) are the layer.
 */
export async function applyCopy(
  step: Instruction,
  vars: ReadonlyMap<string, string>,
  escape: string,
  source: CopySource,
  tree: FileTree,
  workdir: string,
  /** A folder, removed after the build, where ADD unpacks a tar's files. */
  unpackDir: () => Promise<string>,
): Promise<Array<[string, FileNode]>> {
  const { owner, mode } = copyFlags(step, vars, escape);
  const words = step.json ? step.json.map((w) => shellWord(w, vars, escape, step.where)) : shellWords(step.args, vars, escape, step.where);
  if (words.length < 2) throw invalid(step.where, `${step.keyword} needs a source and a destination`);
  const dest = words.pop() as string;
  const layer = new Map<string, FileNode>();
  const put = (path: string, node: FileNode) => {
    const placed = { ...node, ...(owner ?? {}), ...(mode !== undefined && node.type !== 'symlink' ? { mode } : {}) };
    tree.set(path, placed);
    layer.set(path, placed);
  };
  const matched: Array<[string, string]> = [];
  for (const word of words) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(word)) {
      throw invalid(
        step.where,
        `${step.keyword} ${word}: URLs are not fetched`,
        'download the file first (curl -o) and COPY it from the context',
      );
    }
    const rel = source.isContext ? contextPath(word, step.where) : posix.normalize(`/${word}`).slice(1).replace(/\/$/, '');
    const found = await source.fs.match(rel);
    if (found.length === 0) throw invalid(step.where, `${step.keyword} ${word}: no such file in ${source.label}`);
    for (const path of found) matched.push([word, path]);
  }
  const destRel = posix
    .normalize(posix.join('/', dest.startsWith('/') ? '' : workdir, dest))
    .slice(1)
    .replace(/\/$/, '');
  const destIsDir = dest.endsWith('/') || dest.endsWith('/.') || tree.get(destRel)?.type === 'dir';
  if (matched.length > 1 && !destIsDir) {
    throw invalid(step.where, `${step.keyword} with more than one source file needs a destination folder ending in /`, `write ${dest}/`);
  }
  for (const [word, path] of matched) {
    const node = await source.fs.stat(path);
    if (!node) throw invalid(step.where, `${step.keyword} ${word}: no such file in ${source.label}`);
    if (node.type === 'dir') {
      if (destRel !== '') put(destRel, node);
      for (const [rel, child] of await source.fs.walk(path)) put(posix.join(destRel, rel), child);
      continue;
    }
    const extracted = step.keyword === 'ADD' && node.content ? await readTarSource(node, step.where, unpackDir) : undefined;
    if (extracted) {
      for (const [rel, child] of extracted) put(posix.join(destRel, rel), child);
      continue;
    }
    put(destIsDir || matched.length > 1 ? posix.join(destRel, posix.basename(path)) : destRel, node);
  }
  addParents(layer, tree);
  return [...layer];
}

/** Each entry's missing parent folders are created (root-owned 0755, as docker makes them) and carried in the layer. */
function addParents(layer: Map<string, FileNode>, tree: FileTree): void {
  for (const path of [...layer.keys()]) {
    for (let dir = posix.dirname(path); dir !== '.' && dir !== '/' && !layer.has(dir); dir = posix.dirname(dir)) {
      const existing = tree.get(dir);
      const node: FileNode = existing?.type === 'dir' ? existing : { type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 };
      tree.set(dir, node);
      layer.set(dir, node);
    }
  }
}
