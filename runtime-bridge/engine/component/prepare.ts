/**
 * The main thread's half of running a component: its transpiled form (cached by digest), and each
 * core module compiled here — with the memory cap applied to every one of them — so the worker
 * receives compiled modules just as it does for a plain module.
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import { capLinearMemory } from '../memory-cap.js';
import { compileModule } from '../entry.js';
import type { ComponentPayload, ComponentSource } from './payload.cjs';
import { GLUE, transpiled } from './transpile-cache.js';

/** Bytes 4..7 of a component's header: version 0x0d, layer 1 (a core module has 01 00 00 00). */
const COMPONENT_HEADER = [0x0d, 0x00, 0x01, 0x00];

export const isComponent = (bytes: Uint8Array): boolean => COMPONENT_HEADER.every((b, i) => bytes[4 + i] === b);

/**
 * A core module with its memories capped, kept beside it in the cache under its cap (the same
 * cap, the same bytes): written aside and renamed, so a reader never sees half of one.
 */
function cappedFile(dir: string, name: string, memoryBytes: number): string {
  const file = join(dir, `${name}.cap-${memoryBytes}`);
  if (!fs.existsSync(file)) {
    const aside = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(aside, capLinearMemory(fs.readFileSync(join(dir, name)), memoryBytes));
    fs.renameSync(aside, file);
  }
  return file;
}

/** The transpiled component, each core module's file capped to `memoryBytes`, not yet compiled. */
export async function componentSource(
  bytes: Uint8Array,
  shownAs: string,
  memoryBytes: number | undefined,
  cacheRoot: string | undefined,
  signal?: AbortSignal,
): Promise<ComponentSource> {
  const { dir, modules, imports, exports } = await transpiled(bytes, shownAs, cacheRoot, signal);
  const files = modules.map((name) => [name, memoryBytes === undefined ? join(dir, name) : cappedFile(dir, name, memoryBytes)] as const);
  return { glue: join(dir, GLUE), modules: Object.fromEntries(files), imports, exports };
}

/** Each core module compiled: a bad one fails here, in one line. */
export async function compileComponent(source: ComponentSource, shownAs: string): Promise<ComponentPayload> {
  const compiled = await Promise.all(
    Object.entries(source.modules).map(async ([name, file]) => [name, await compileModule(fs.readFileSync(file), shownAs)] as const),
  );
  return { ...source, modules: Object.fromEntries(compiled) };
}

export async function prepareComponent(
  bytes: Uint8Array,
  shownAs: string,
  memoryBytes: number | undefined,
  cacheRoot: string | undefined,
  signal?: AbortSignal,
): Promise<ComponentPayload> {
  return compileComponent(await componentSource(bytes, shownAs, memoryBytes, cacheRoot, signal), shownAs);
}
