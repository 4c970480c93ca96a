/**
 * What a user can set for a wasmctl task, and the one schema both sources go through: containerd's
 * runtime options (a JSON file for a whole runtime handler) and a container's annotations, which
 * override them.
 */
import { z } from 'zod';
import { WasmctlError } from '../common/index.js';
import type { RunLimits } from '../runtime-bridge/index.js';

export const settingsSchema = z
  .object({
    /** Wall-clock limit of the module, ms. */
    timeoutMs: z.coerce.number().int().positive(),
    /** Cap on the module's linear memory, bytes. */
    memoryBytes: z.coerce.number().int().positive(),
    /** Most descriptors the module may hold (docker's `--ulimit nofile`). */
    nofile: z.coerce.number().int().min(3),
    /** A Layotto-compatible sidecar (host:port) serving the module's runtime host calls. */
    sidecar: z.string().min(1),
    /** Config of the embedded sidecar (Layotto's config.json shape) when no `sidecar` is given. */
    sidecarConfig: z.string().min(1),
  })
  .partial()
  .strict();

export type TaskSettings = z.infer<typeof settingsSchema>;

/** Annotation names (`ctr run --annotation`, a pod's annotations through CRI). */
export const ANNOTATIONS: Record<keyof TaskSettings, string> = {
  timeoutMs: 'io.wasmctl.timeout-ms',
  memoryBytes: 'io.wasmctl.memory-bytes',
  nofile: 'io.wasmctl.nofile',
  sidecar: 'io.wasmctl.sidecar',
  sidecarConfig: 'io.wasmctl.sidecar-config',
};

/** Validates `raw`, naming `source` and the offending field in the one-line error. */
export function parseSettings(raw: unknown, source: string, nameOf: (key: string) => string = (k) => k): TaskSettings {
  const parsed = settingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue?.path.join('.') || ((issue as { keys?: string[] } | undefined)?.keys ?? []).join(', ');
  throw new WasmctlError('InvalidArgument', `${source}: ${nameOf(key)}: ${issue?.message ?? 'invalid'}`);
}

export function settingsFromAnnotations(annotations: Record<string, string>): TaskSettings {
  const raw = Object.fromEntries(
    Object.entries(ANNOTATIONS).flatMap(([key, name]) => (annotations[name] === undefined ? [] : [[key, annotations[name]]])),
  );
  return parseSettings(raw, 'annotation', (key) => ANNOTATIONS[key as keyof TaskSettings] ?? key);
}

export function limitsOf(settings: TaskSettings): RunLimits {
  return {
    ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
    ...(settings.memoryBytes === undefined ? {} : { memoryBytes: settings.memoryBytes }),
    ...(settings.nofile === undefined ? {} : { nofile: settings.nofile }),
  };
}
