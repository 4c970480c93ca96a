/**
 * Settings for a whole runtime handler from containerd's runtime options: CRI's
 * `[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.wasmctl.options] ConfigPath = "…"` or
 * `ctr run --runtime-config-path`, pointing at a JSON file. A task's annotations override them.
 */
import { z } from 'zod';
import { WasmctlError, readJsonFile } from '../common/index.js';
import { runtimeoptions } from './gen/containerd.js';
import type { AnyMessage } from './protocol.js';
import { parseSettings, type TaskSettings } from './settings.js';

const OPTIONS_TYPE = 'runtimeoptions.v1.Options';

export async function runtimeSettings(options: AnyMessage | null | undefined): Promise<TaskSettings> {
  const typeUrl = options?.type_url ?? '';
  if (!options || (!typeUrl && !options.value?.length)) return {};
  // containerd writes the bare name or a type.googleapis.com/ URL depending on the caller.
  if (typeUrl.replace(/^.*\//, '') !== OPTIONS_TYPE) {
    throw new WasmctlError('InvalidArgument', `runtime options of type ${options.type_url} are not understood by the wasmctl shim`, {
      hint: 'set ConfigPath to a JSON file such as {"timeoutMs": 30000, "memoryBytes": 67108864}',
    });
  }
  const { configPath } = runtimeoptions.v1.Options.decode(options.value ?? new Uint8Array());
  if (!configPath) return {};
  const what = `wasmctl runtime config ${configPath}`;
  return parseSettings(await readJsonFile(configPath, z.unknown(), what), what);
}
