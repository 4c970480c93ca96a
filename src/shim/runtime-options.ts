/**
 * Limits set for a whole runtime handler by containerd's runtime options: CRI's
 * `[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.wasmctl.options] ConfigPath = "…"` or
 * `ctr run --runtime-config-path`, pointing at a JSON file. A task's annotations override them.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { WasmctlError } from '../common/index.js';
import type { RunLimits } from '../runtime-bridge/index.js';
import { decode, messageType } from './protocol.js';

const OPTIONS_TYPE = 'runtimeoptions.v1.Options';

const configSchema = z
  .object({
    timeoutMs: z.number().int().positive().optional(),
    memoryBytes: z.number().int().positive().optional(),
  })
  .strict();

export interface AnyMessage {
  type_url: string;
  value: Uint8Array;
}

export async function runtimeLimits(options: AnyMessage | null | undefined): Promise<RunLimits> {
  if (!options || (!options.type_url && options.value.length === 0)) return {};
  // containerd writes the bare name or a type.googleapis.com/ URL depending on the caller.
  if (options.type_url.replace(/^.*\//, '') !== OPTIONS_TYPE) {
    throw new WasmctlError('InvalidArgument', `runtime options of type ${options.type_url} are not understood by the wasmctl shim`, {
      hint: 'set ConfigPath to a JSON file such as {"timeoutMs": 30000, "memoryBytes": 67108864}',
    });
  }
  const { configPath } = decode<{ configPath: string }>(messageType(OPTIONS_TYPE), options.value);
  if (!configPath) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(configPath, 'utf8'));
  } catch (err) {
    throw new WasmctlError('InvalidArgument', `cannot read the wasmctl runtime config ${configPath}: ${(err as Error).message}`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WasmctlError('InvalidArgument', `wasmctl runtime config ${configPath}: ${issue?.path.join('.') || issue?.message}: ${issue?.message}`);
  }
  const limits: RunLimits = {};
  if (parsed.data.timeoutMs !== undefined) limits.timeoutMs = parsed.data.timeoutMs;
  if (parsed.data.memoryBytes !== undefined) limits.memoryBytes = parsed.data.memoryBytes;
  return limits;
}
