/**
 * Settings for a whole runtime handler from containerd's runtime options: CRI's
 * `[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.wasmctl.options] ConfigPath = "…"` or
 * `ctr run --runtime-config-path`, pointing at a JSON file. A task's annotations override them.
 */
import { z } from 'zod';
import { WasmctlError, readJsonFile } from '../common/index.js';
import { decode, messageType } from './protocol.js';
import { parseSettings, type TaskSettings } from './settings.js';

const OPTIONS_TYPE = 'runtimeoptions.v1.Options';

export interface AnyMessage {
  type_url: string;
  value: Uint8Array;
}

export async function runtimeSettings(options: AnyMessage | null | undefined): Promise<TaskSettings> {
  if (!options || (!options.type_url && options.value.length === 0)) return {};
  // containerd writes the bare name or a type.googleapis.com/ URL depending on the caller.
  if (options.type_url.replace(/^.*\//, '') !== OPTIONS_TYPE) {
    throw new WasmctlError('InvalidArgument', `runtime options of type ${options.type_url} are not understood by the wasmctl shim`, {
      hint: 'set ConfigPath to a JSON file such as {"timeoutMs": 30000, "memoryBytes": 67108864}',
    });
  }
  const { configPath } = decode<{ configPath: string }>(messageType(OPTIONS_TYPE), options.value);
  if (!configPath) return {};
  const what = `wasmctl runtime config ${configPath}`;
  return parseSettings(await readJsonFile(configPath, z.unknown(), what), what);
}
