import { existsSync, readFileSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { WasmctlError } from '../common/index.js';
import type { Mount } from '../api/index.js';

const invalid = (message: string, hint?: string) => new WasmctlError('InvalidArgument', message, hint === undefined ? {} : { hint });

/**
 * docker's rules: `NAME=value` sets, `NAME` copies NAME from wasmctl's own environment (nothing
 * when unset): the only way a host variable reaches the module. `where` names the flag or line.
 */
export function parseEnvEntry(entry: string, where: string): string | undefined {
  const eq = entry.indexOf('=');
  const name = eq === -1 ? entry : entry.slice(0, eq);
  if (name === '') throw invalid(`${where}: "${entry}" has no variable name`, 'use NAME=value');
  if (/\s/.test(name)) throw invalid(`${where}: variable name "${name}" contains whitespace`, 'use NAME=value');
  if (eq !== -1) return entry;
  const value = process.env[name];
  return value === undefined ? undefined : `${name}=${value}`;
}

/** docker's env file: NAME=value or NAME per line, `#` comments and blank lines skipped; a bad line is an error. */
export function readEnvFile(path: string): string[] {
  if (!existsSync(path)) throw new WasmctlError('NotFound', `--env-file ${path} does not exist`);
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .flatMap((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return [];
      return parseEnvEntry(line, `--env-file ${path} line ${i + 1}`) ?? [];
    });
}

function hostFolder(hostPart: string, flag: string): string {
  const hostPath = resolve(hostPart);
  if (!existsSync(hostPath)) {
    throw new WasmctlError('NotFound', `${flag} source ${hostPath} does not exist`, {
      hint: 'create it first; wasmctl never creates host folders',
    });
  }
  return hostPath;
}

/** `-v HOST:GUEST[:ro|rw]`; the host folder must exist, the guest path must be absolute (`/` for a bare module's whole root). */
export function parseVolume(spec: string): Mount {
  const parts = spec.split(':');
  const [hostPart, guestPath, mode = 'rw'] = parts;
  if (parts.length < 2 || parts.length > 3 || !hostPart || !guestPath || !['ro', 'rw'].includes(mode)) {
    throw invalid(`invalid volume "${spec}"`, 'use -v HOST_DIR:/guest/path[:ro]');
  }
  if (!guestPath.startsWith('/')) throw invalid(`volume guest path "${guestPath}" must be absolute`);
  return { hostPath: hostFolder(hostPart, 'volume'), guestPath, readOnly: mode === 'ro' };
}

/**
 * wasmtime's `--dir HOST[::GUEST]`, read-write. A relative guest path is taken from `/`, where a
 * WASI module's relative paths open (so `--dir .` is the module's whole root).
 */
export function parseDir(spec: string): Mount {
  const [hostPart = '', guestPart, ...rest] = spec.split('::');
  if (hostPart === '' || guestPart === '' || rest.length > 0) throw invalid(`invalid --dir "${spec}"`, 'use --dir HOST_DIR[::GUEST_DIR]');
  return { hostPath: hostFolder(hostPart, '--dir'), guestPath: posix.resolve('/', guestPart ?? hostPart), readOnly: false };
}

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
