/**
 * The main thread's half of running a component: its transpiled form (cached by digest), and each
 * core module compiled here — with the memory cap applied to every one of them — so the worker
 * receives compiled modules just as it does for a plain module.
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import { capLinearMemory } from '../memory-cap.js';
import { compileModule } from '../entry.js';
import type { ComponentPayload } from './payload.cjs';
import { GLUE, transpiled } from './transpile-cache.js';

/** Bytes 4..7 of a component's header: version 0x0d, layer 1 (a core module has 01 00 00 00). */
const COMPONENT_HEADER = [0x0d, 0x00, 0x01, 0x00];

export const isComponent = (bytes: Uint8Array): boolean => COMPONENT_HEADER.every((b, i) => bytes[4 + i] === b);

export async function prepareComponent(
  bytes: Uint8Array,
  shownAs: string,
  memoryBytes: number | undefined,
  cacheRoot: string | undefined,
  signal?: AbortSignal,
): Promise<ComponentPayload> {
  const { dir, modules, imports, exports } = await transpiled(bytes, shownAs, cacheRoot, signal);
  const compiled = await Promise.all(
    modules.map(async (name) => {
      const core = fs.readFileSync(join(dir, name));
      return [name, await compileModule(memoryBytes === undefined ? core : capLinearMemory(core, memoryBytes), shownAs)] as const;
    }),
  );
  return { glue: join(dir, GLUE), modules: Object.fromEntries(compiled), imports, exports };
}
