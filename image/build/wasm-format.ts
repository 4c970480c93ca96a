import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { WasmctlError } from '../../common/index.js';
import { Annotation, MediaType } from '../types.js';
import { wasmConfig } from './image-doc.js';
import type { Blob } from './layer.js';
import { type StageState, workdirOf } from './stage.js';

async function digestOf(content: { path: string } | { bytes: Buffer }): Promise<string> {
  const hash = createHash('sha256');
  if ('bytes' in content) hash.update(content.bytes);
  else for await (const chunk of createReadStream(content.path)) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}

/**
 * `--format wasm`: the final stage's modules as the CNCF TAG-Runtime artifact, one
 * `application/wasm` layer per module titled with its file name, the entry module (ENTRYPOINT or
 * CMD, against WORKDIR) first. The artifact holds modules only and names them flat (`/name.wasm`,
 * as the store unpacks it), so any other file, or two modules of one name, is refused.
 */
export async function wasmArtifactLayers(
  state: StageState,
  created: string,
  outDir: string,
): Promise<{ config: Buffer; layers: Array<Blob & { annotations: Record<string, string> }> }> {
  const files = [...state.tree.nodes].filter(([, n]) => n.type === 'file');
  const other = files.find(([p]) => !p.endsWith('.wasm'));
  if (other) {
    throw new WasmctlError(
      'InvalidArgument',
      `--format wasm: /${other[0]} is not a .wasm module; the Wasm OCI artifact holds modules only`,
      {
        hint: 'build without --format wasm for an image with other files',
      },
    );
  }
  if (files.length === 0) throw new WasmctlError('InvalidArgument', '--format wasm: the image holds no .wasm module');
  const entryWord = state.config.Entrypoint?.[0] ?? state.config.Cmd?.[0];
  const entry = entryWord
    ? posix.normalize(posix.join('/', entryWord.startsWith('/') ? '' : workdirOf(state), entryWord)).slice(1)
    : undefined;
  files.sort(([a], [b]) => (a === entry ? -1 : b === entry ? 1 : a < b ? -1 : 1));
  const titles = new Set<string>();
  const layers: Array<Blob & { annotations: Record<string, string> }> = [];
  for (const [path, node] of files) {
    const title = posix.basename(path);
    if (titles.has(title))
      throw new WasmctlError('InvalidArgument', `--format wasm: two modules are named ${title}; the artifact names modules by file name`);
    titles.add(title);
    const content = node.content as { path: string } | { bytes: Buffer };
    const digest = await digestOf(content);
    const target = join(outDir, 'blobs', 'sha256', digest.slice(7));
    if ('bytes' in content) await writeFile(target, content.bytes);
    else await copyFile(content.path, target);
    layers.push({ mediaType: MediaType.wasmLayer, digest, size: node.size, annotations: { [Annotation.title]: title } });
  }
  return { config: wasmConfig(created, layers), layers };
}
