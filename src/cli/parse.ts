import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { WasmctlError } from '../common/index.js';
import type { Mount } from '../runtime-bridge/index.js';

const invalid = (message: string, hint?: string) =>
  new WasmctlError('InvalidArgument', message, hint === undefined ? {} : { hint });

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `2s`, `500ms`, `1.5m`, `1h`; a bare number is seconds, as in `timeout(1)`. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw invalid(`invalid duration "${text}"`, 'use e.g. 500ms, 2s, 1m');
  const ms = Number(match[1]) * (DURATION_UNITS[match[2] ?? 's'] ?? 1000);
  if (ms <= 0) throw invalid(`duration "${text}" must be greater than zero`);
  return Math.round(ms);
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** docker's `--memory` syntax: `64m`, `1g`, `512k`, bytes when bare. */
export function parseSize(text: string): number {
  const match = /^(\d+)([bkmg])?i?b?$/i.exec(text.trim());
  if (!match) throw invalid(`invalid size "${text}"`, 'use e.g. 64m, 1g, 512k');
  return Number(match[1]) * (SIZE_UNITS[(match[2] ?? '').toLowerCase()] ?? 1);
}

/**
 * docker semantics: `-e NAME=value` sets, `-e NAME` copies NAME from wasmctl's own environment
 * (and is dropped when unset) — the only way a host variable reaches the module.
 */
export function parseEnvEntry(entry: string): string | undefined {
  if (entry.includes('=')) {
    if (entry.startsWith('=')) throw invalid(`invalid environment variable "${entry}"`, 'use NAME=value');
    return entry;
  }
  const value = process.env[entry];
  return value === undefined ? undefined : `${entry}=${value}`;
}

export function readEnvFile(path: string): string[] {
  if (!existsSync(path)) throw new WasmctlError('NotFound', `env file ${path} not found`);
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .flatMap((line) => parseEnvEntry(line) ?? []);
}

/** `-v HOST:GUEST[:ro|rw]`; the host folder must exist, the guest path must be absolute. */
export function parseMount(spec: string): Mount {
  const parts = spec.split(':');
  const [hostPart, guestPath, mode = 'rw'] = parts;
  if (parts.length < 2 || parts.length > 3 || !hostPart || !guestPath || !['ro', 'rw'].includes(mode)) {
    throw invalid(`invalid volume "${spec}"`, 'use -v HOST_DIR:/guest/path[:ro]');
  }
  if (!guestPath.startsWith('/')) throw invalid(`volume guest path "${guestPath}" must be absolute`);
  const hostPath = resolve(hostPart);
  if (!existsSync(hostPath)) {
    throw new WasmctlError('NotFound', `volume source ${hostPath} does not exist`, {
      hint: 'create it first; wasmctl never creates host folders',
    });
  }
  return { hostPath, guestPath, readOnly: mode === 'ro' };
}

export const engineSchema = z.enum(['wasmctl', 'wasmer']);

export function parseEngine(name: string): z.infer<typeof engineSchema> {
  const parsed = engineSchema.safeParse(name);
  if (!parsed.success) throw invalid(`unknown engine "${name}"`, 'use --engine wasmctl or --engine wasmer');
  return parsed.data;
}

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
