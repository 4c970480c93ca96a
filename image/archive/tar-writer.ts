import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';

type Header = Parameters<tar.Pack['entry']>[0];

/** A tar member: a header (the name at least) and the bytes, in memory or in a host file of `size` bytes. */
export type ArchiveMember = { header: Header } & ({ bytes: Buffer } | { path: string; size: number } | { empty: true });

const EPOCH = new Date(0);

/** A plain file member, root-owned, mtime the epoch: archives are reproducible too. */
export const fileHeader = (name: string): Header => ({ name, mode: 0o644, uid: 0, gid: 0, uname: '', gname: '', mtime: EPOCH });

/** Writes `members` in order as one tar through `stages` (compressors, hashers) into the last of them. */
export async function writeTar(
  members: AsyncIterable<ArchiveMember> | Iterable<ArchiveMember>,
  stages: Array<NodeJS.WritableStream>,
): Promise<void> {
  const pack = tar.pack();
  const writing = pipeline([pack, ...stages] as unknown as NodeJS.ReadWriteStream[]);
  try {
    for await (const member of members) {
      if ('bytes' in member) pack.entry({ ...member.header, size: member.bytes.length }, member.bytes);
      else if ('path' in member) await pipeline(createReadStream(member.path), pack.entry({ ...member.header, size: member.size }));
      else pack.entry({ ...member.header, size: 0 });
    }
    pack.finalize();
    await writing;
  } catch (err) {
    pack.destroy(err as Error);
    await writing.catch(() => undefined);
    throw err;
  }
}

/** Writes a file through a temp name and renames it: a failed save leaves no half archive. */
export async function writeFileAtomically(dest: string, write: (out: Writable) => Promise<void>): Promise<void> {
  const temp = `${dest}.tmp-${process.pid}`;
  try {
    await write(createWriteStream(temp));
    await rename(temp, dest);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
