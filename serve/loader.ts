/**
 * FUNCTION → compiled module: a `.wasm` file, or an image (reference, pulled when missing, or a
 * transport such as `oci-archive:…`) whose Entrypoint + Cmd names the module inside its rootfs.
 * The same for the command line and the admin API's `vm_config.path` / `image`.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { WasmctlError } from '../common/index.js';
import { commandOf, componentCacheDir, openStore } from '../image/index.js';
import { compileModule, type HostCalls, isComponent, loadModuleBytes, prepareComponent, resolveEntry } from '../runtime-bridge/index.js';
import type { LoadedFunction } from './types.js';

export interface LoadOptions {
  /** The image store's folder. */
  root: string;
  /** Cap on each instance's linear memory. */
  memoryBytes?: number;
  platform?: string;
  plainHttp?: boolean;
  /** serve's --timeout, which a wasi:http component instance enforces itself. */
  timeoutMs?: number;
  /** The runtime API a component's application interfaces reach. */
  hostCalls?: HostCalls;
}

/** A core module (proxy-wasm) or a WASI 0.2 component (wasi:http/proxy), from its header. */
async function loadEntry(hostPath: string, shownAs: string, where: Omit<LoadedFunction, 'module' | 'component'>, options: LoadOptions): Promise<LoadedFunction> {
  const bytes = loadModuleBytes(hostPath, shownAs, options.memoryBytes);
  if (!isComponent(bytes)) return { ...where, module: await compileModule(bytes, shownAs) };
  const component = await prepareComponent(bytes, shownAs, options.memoryBytes, componentCacheDir(options.root));
  const { timeoutMs, hostCalls } = options;
  return { ...where, component, ...(timeoutMs === undefined ? {} : { timeoutMs }), ...(hostCalls === undefined ? {} : { hostCalls }) };
}

const isWasmFile = (source: string) => source.endsWith('.wasm') && existsSync(source) && statSync(source).isFile();

export async function loadFunction(source: string, options: LoadOptions): Promise<LoadedFunction> {
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
