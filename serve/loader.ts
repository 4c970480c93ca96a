/**
 * FUNCTION → compiled module: a `.wasm` file, or an image (reference, pulled when missing, or a
 * transport such as `oci-archive:…`) whose Entrypoint + Cmd names the module inside its rootfs.
 * The same for the command line and the admin API's `vm_config.path` / `image`.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { WasmctlError } from '../common/index.js';
import { commandOf, openStore } from '../image/index.js';
import { loadModule, resolveEntry, type FunctionDef } from '../runtime-bridge/index.js';
import { proxyWasmInstance } from './process-instance.js';
import type { FunctionModule } from './types.js';

export interface LoadOptions {
  /** The image store's folder. */
  root: string;
  /** Cap on each instance's linear memory. */
  memoryBytes?: number;
  platform?: string;
  plainHttp?: boolean;
}

const isWasmFile = (source: string) => source.endsWith('.wasm') && existsSync(source) && statSync(source).isFile();

const proxyWasm = (bytes: Uint8Array, def: Omit<FunctionDef, 'bytes'>): FunctionModule => ({
  label: def.label,
  instance: (host) => proxyWasmInstance({ ...def, bytes }, host),
});

export async function loadFunction(source: string, options: LoadOptions): Promise<FunctionModule> {
  if (isWasmFile(source)) {
    const bytes = await loadModule(resolve(source), source, options.memoryBytes);
    return proxyWasm(bytes, { label: source, rootfs: null, args: [source], env: [] });
  }
  if (source.endsWith('.wasm')) throw new WasmctlError('NotFound', `module ${source} not found`);
  const image = await openStore(options.root).resolve(source, {
    pull: 'missing',
    ...(options.platform === undefined ? {} : { platform: options.platform }),
    ...(options.plainHttp === undefined ? {} : { plainHttp: options.plainHttp }),
  });
  // What `wasmctl run IMAGE` would run: the same Entrypoint + Cmd, Env and WorkingDir rules.
  const { argv, env, cwd } = commandOf(image);
  const entry = argv[0] as string;
  const hostPath = resolveEntry(image.rootfs, entry, cwd);
  return proxyWasm(await loadModule(hostPath, entry, options.memoryBytes), { label: source, rootfs: image.rootfs, args: argv, env });
}
