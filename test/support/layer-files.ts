/**
 * What an image's layers put on disk, read from an OCI layout (or archive members) without
 * unpacking: path → type, mode, owner, content digest, link target, after every layer in order
 * (whiteouts applied). Two builders' images are compared with it.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import tar from 'tar-stream';

export interface FileFacts {
  type: string;
  mode: string;
  owner: string;
  sha256?: string;
  linkname?: string;
}

export interface LayoutImage {
  manifest: {
    config: { digest: string; mediaType: string };
    layers: Array<{ digest: string; mediaType: string; annotations?: Record<string, string> }>;
  };
  config: Record<string, unknown> & { config?: Record<string, unknown> };
  files: Map<string, FileFacts>;
  manifestDigest: string;
}

const blob = (dir: string, digest: string) => readFile(join(dir, 'blobs', 'sha256', digest.slice(7)));

export async function readLayoutImage(dir: string, index = 0): Promise<LayoutImage> {
  const top = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as { manifests: Array<{ digest: string }> };
  const manifestDigest = top.manifests[index]?.digest as string;
  const manifest = JSON.parse((await blob(dir, manifestDigest)).toString()) as LayoutImage['manifest'];
  const config = JSON.parse((await blob(dir, manifest.config.digest)).toString()) as LayoutImage['config'];
  const files = new Map<string, FileFacts>();
  for (const layer of manifest.layers) {
    let bytes = await blob(dir, layer.digest);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    const extract = tar.extract();
    Readable.from([bytes]).pipe(extract);
    for await (const entry of extract) {
      const { header } = entry;
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      const name = header.name.replace(/^\.?\/+/, '').replace(/\/+$/, '');
      if (name === '' || name === '.') continue;
      const base = name.split('/').pop() as string;
      if (base.startsWith('.wh.')) {
        const dirName = name.slice(0, -base.length);
        for (const key of [...files.keys()])
          if (key === dirName + base.slice(4) || key.startsWith(`${dirName}${base.slice(4)}/`)) files.delete(key);
        continue;
      }
      files.set(name, {
        type: header.type ?? 'file',
        mode: ((header.mode ?? 0) & 0o7777).toString(8),
        owner: `${header.uid}:${header.gid}`,
        ...(header.type === 'file' ? { sha256: createHash('sha256').update(Buffer.concat(chunks)).digest('hex') } : {}),
        ...(header.linkname ? { linkname: header.linkname } : {}),
      });
    }
  }
  return { manifest, config, files, manifestDigest };
}
