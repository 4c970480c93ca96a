import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import type { Stage } from './compression.js';

export type TarEntry = tar.Extract extends AsyncIterable<infer S> ? S : never;

/**
 * Feeds `source` through `stages` into a tar reader and hands each entry to `onEntry`, one at a
 * time. A failure anywhere (a truncated gzip, a bad header, `onEntry` refusing an entry) rejects
 * once and stops the rest: the feeding pipeline is raced against the entry loop because a reader
 * destroyed mid-entry does not always end its iterator.
 */
export async function forEachTarEntry(source: Readable, stages: Stage[], onEntry: (entry: TarEntry) => Promise<void>): Promise<void> {
  const extract = tar.extract();
  const feeding = pipeline([source, ...stages, extract] as unknown as NodeJS.ReadWriteStream[]);
  const failed = feeding.then(() => new Promise<never>(() => undefined));
  const loop = (async () => {
    for await (const entry of extract) await onEntry(entry);
  })();
  failed.catch(() => undefined);
  loop.catch(() => undefined);
  try {
    await Promise.race([loop, failed]);
    await feeding;
  } catch (err) {
    extract.destroy();
    source.destroy();
    throw err;
  }
}
