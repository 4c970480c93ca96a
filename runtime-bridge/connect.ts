import type { RuntimeConnection } from './abi/index.js';

/** Who serves a module's runtime host calls; the same choice for `run`, `serve` and the shim. */
export interface RuntimeChoice {
  /** host:port of an external Layotto-compatible sidecar (ours or a real Layotto). */
  sidecar?: string | undefined;
  /** Layotto's config.json (or a bare grpc_config) for the embedded components. */
  sidecarConfig?: string | undefined;
  /** Where the embedded components forward InvokeService over HTTP. */
  invokeEndpoint?: string | undefined;
}

/**
 * The external sidecar's gRPC client, else the embedded sidecar's components in-process (Layotto's
 * demo stores when no config is given). Each is loaded only when chosen.
 */
export async function connectRuntime(choice: RuntimeChoice): Promise<RuntimeConnection> {
  if (choice.sidecar !== undefined) {
    const { RuntimeClient } = await import('./client/index.js');
    return new RuntimeClient(choice.sidecar);
  }
  const sidecar = await import('./sidecar/index.js');
  const config = choice.sidecarConfig === undefined ? sidecar.DEMO_CONFIG : await sidecar.loadSidecarConfig(choice.sidecarConfig);
  return new sidecar.Components(config, choice.invokeEndpoint === undefined ? {} : { invokeEndpoint: choice.invokeEndpoint });
}
