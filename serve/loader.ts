/**
 * FUNCTION → compiled module: a `.wasm` file, or an image (reference, pulled when missing, or a
 * transport such as `oci-archive:…`) whose Entrypoint + Cmd names the module inside its rootfs.
 * The same for the command line and the admin API's `vm_config.path` / `image`.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { WasmctlError } from '../common/index.js';
import { commandOf, componentCacheDir, openStore } from '../image/index.js';
import { loadModule, resolveEntry, type FunctionDef } from '../runtime-bridge/index.js';
import { httpComponentInstance } from './component-instance.js';
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

/** A proxy-wasm module, or a wasi:http/proxy component (told by its header). */
async function loadEntry(
  hostPath: string,
  shownAs: string,
  def: Omit<FunctionDef, 'bytes'>,
  options: LoadOptions,
): Promise<FunctionModule> {
  const code = await loadModule(hostPath, shownAs, options.memoryBytes, componentCacheDir(options.root));
  return {
    label: def.label,
    instance:
      code.kind === 'module'
        ? (host) => proxyWasmInstance({ ...def, bytes: code.bytes }, host)
        : (host) => httpComponentInstance({ ...def, component: code.component }, host),
  };
}

export async function loadFunction(source: string, options: LoadOptions): Promise<FunctionModule> {
  if (isWasmFile(source)) return loadEntry(resolve(source), source, { label: source, rootfs: null, args: [source], env: [] }, options);
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
  return loadEntry(hostPath, entry, { label: source, rootfs: image.rootfs, args: argv, env }, options);
}
