import { z } from 'zod';
import { WasmctlError } from '../../common/index.js';
import { RUNTIME_METHODS } from '../client/index.js';
import { DEMO_CONFIG, SidecarConfigSchema, type SidecarConfig } from './config.js';
import { Components } from './components.js';
import { AppDelivery } from './delivery.js';
import { GrpcServer } from './grpc-server.js';
import { runtimeHandlers } from './handlers.js';
import { DEFAULT_SUBSCRIPTION_LIMITS } from './topic-stream.js';

export { DEFAULT_LISTEN } from './defaults.js';

const ListenSchema = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[^:\s]+):\d{1,5}$/, 'listen must be host:port, e.g. 127.0.0.1:34904 (port 0 picks one)');

const SidecarOptionsSchema = z.object({
  listen: ListenSchema,
  config: SidecarConfigSchema.optional(),
  invokeEndpoint: z.url({ protocol: /^https?$/, error: 'invokeEndpoint must be an http(s) URL' }).optional(),
  warn: z.custom<(message: string) => void>((v) => typeof v === 'function').optional(),
  /** Open SubscribeTopicEvents streams allowed per client connection and in all (RESOURCE_EXHAUSTED beyond). */
  subscriptionLimits: z
    .object({ perClient: z.number().int().positive(), total: z.number().int().positive() })
    .default(DEFAULT_SUBSCRIPTION_LIMITS),
});
export type SidecarOptions = z.input<typeof SidecarOptionsSchema>;

export interface Sidecar {
  /** host:port it listens on, with the port picked when `listen` asked for 0. */
  address: string;
  /** The same components the gRPC handlers use, for in-process host calls. */
  components: Components;
  close(): Promise<void>;
}

const GRACE_MS = 2000;

async function bind(server: GrpcServer, listen: string): Promise<number> {
  const split = listen.lastIndexOf(':');
  try {
    return await server.listen(listen.slice(0, split), Number(listen.slice(split + 1)));
  } catch (err) {
    throw new WasmctlError('Unavailable', `sidecar cannot listen on ${listen}: ${(err as Error).message}`, { cause: err });
  }
}

/** Starts a Layotto-compatible runtime API server; no config means Layotto's in-memory demo set. */
export async function startSidecar(options: SidecarOptions): Promise<Sidecar> {
  const parsed = SidecarOptionsSchema.safeParse(options);
  if (!parsed.success) throw new WasmctlError('InvalidArgument', parsed.error.issues[0]?.message ?? 'bad sidecar options');
  const { listen, invokeEndpoint, subscriptionLimits, warn = (m: string) => process.stderr.write(`wasmctl sidecar: ${m}\n`) } = parsed.data;
  const config: SidecarConfig = parsed.data.config ?? DEMO_CONFIG;

  const components = new Components(config, { warn, ...(invokeEndpoint ? { invokeEndpoint } : {}) });
  const server = new GrpcServer();
  server.addService(RUNTIME_METHODS, runtimeHandlers(components, subscriptionLimits));
  let port: number;
  try {
    port = await bind(server, listen);
  } catch (err) {
    await components.close();
    throw err;
  }
  const host = listen.slice(0, listen.lastIndexOf(':'));
  const app = config.app;
  const delivery = app?.grpc_callback_port
    ? await AppDelivery.start(
        components,
        { host: app.grpc_callback_host || '127.0.0.1', port: app.grpc_callback_port, maxSubscriptions: subscriptionLimits.total },
        warn,
      )
    : undefined;

  return {
    address: `${host}:${port}`,
    components,
    async close() {
      await delivery?.close();
      await server.close(GRACE_MS);
      await components.close();
    },
  };
}
