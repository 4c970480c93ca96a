import { z } from 'zod';
import { WasmctlError, describeIssue, readJsonFile } from '../../common/index.js';

/** One named component as Layotto's `grpc_config` writes it; extra keys (hello's `hello`) kept. */
const ComponentSchema = z.looseObject({
  type: z.string().min(1, 'a component needs a "type"'),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type ComponentConfig = z.infer<typeof ComponentSchema>;

const Components = z.record(z.string(), ComponentSchema);

export const SidecarConfigSchema = z.looseObject({
  hellos: Components.optional(),
  state: Components.optional(),
  pub_subs: Components.optional(),
  sequencer: Components.optional(),
  lock: Components.optional(),
  config_store: Components.optional(),
  app: z
    .looseObject({
      app_id: z.string().optional(),
      grpc_callback_host: z.string().optional(),
      grpc_callback_port: z.coerce.number().int().min(1).max(65535).optional(),
    })
    .optional(),
});
/** Layotto's `grpc_config` object. */
export type SidecarConfig = z.infer<typeof SidecarConfigSchema>;

const FilterSchema = z.looseObject({
  type: z.string().optional(),
  config: z.looseObject({ grpc_config: SidecarConfigSchema.optional() }).optional(),
});
const ListenerSchema = z.looseObject({
  filter_chains: z.array(z.looseObject({ filters: z.array(FilterSchema).default([]) })).optional(),
  filters: z.array(FilterSchema).optional(),
});
/** Layotto's whole `config.json`: servers → listeners → filter chains → filters → config. */
const LayottoConfigSchema = z.looseObject({
  servers: z.array(z.looseObject({ listeners: z.array(ListenerSchema).default([]) })),
});

/** Layotto's demo components, all in memory: what `wasmctl sidecar` serves with no config. */
export const DEMO_CONFIG: SidecarConfig = {
  hellos: { helloworld: { type: 'helloworld', hello: 'greetings' } },
  state: { state_demo: { type: 'in-memory' } },
  pub_subs: { pub_subs_demo: { type: 'in-memory' } },
  sequencer: { sequencer_demo: { type: 'in-memory' } },
  lock: { lock_demo: { type: 'in-memory' } },
  config_store: { config_demo: { type: 'in-memory' } },
};

function fromLayotto(doc: z.infer<typeof LayottoConfigSchema>): SidecarConfig | undefined {
  for (const server of doc.servers) {
    for (const listener of server.listeners) {
      const filters = [...(listener.filter_chains ?? []).flatMap((c) => c.filters), ...(listener.filters ?? [])];
      const grpc = filters.find((f) => f.config?.grpc_config)?.config?.grpc_config;
      if (grpc) return grpc;
    }
  }
  return undefined;
}

/** Accepts Layotto's whole config.json or a bare `grpc_config` object. */
export function parseSidecarConfig(doc: unknown, source = 'config'): SidecarConfig {
  const whole = LayottoConfigSchema.safeParse(doc);
  if (whole.success) {
    const found = fromLayotto(whole.data);
    if (!found) {
      throw new WasmctlError('InvalidArgument', `${source}: no listener has a grpc filter with a "grpc_config"`);
    }
    return found;
  }
  const bare = SidecarConfigSchema.safeParse(doc);
  if (!bare.success) throw new WasmctlError('InvalidArgument', `${source}: not a Layotto config${describeIssue(bare.error)}`);
  return bare.data;
}

export async function loadSidecarConfig(file: string): Promise<SidecarConfig> {
  return parseSidecarConfig(await readJsonFile(file, z.unknown(), `sidecar config ${file}`), file);
}
