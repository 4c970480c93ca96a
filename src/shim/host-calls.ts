/**
 * Layotto's runtime host functions for a task, served as `wasmctl run` serves them: by the sidecar
 * at `settings.sidecar`, else by embedded components (the demo stores, or `sidecarConfig`). The
 * connection opens on the module's first host call, so a plain WASI module costs nothing here.
 */
import { layottoHostCalls, type LayottoHostCalls, type RuntimeConnection } from '../runtime-bridge/index.js';
import type { TaskSettings } from './settings.js';

async function connect(settings: TaskSettings): Promise<RuntimeConnection> {
  if (settings.sidecar !== undefined) return new (await import('../runtime-bridge/client/index.js')).RuntimeClient(settings.sidecar);
  const sidecar = await import('../runtime-bridge/sidecar/index.js');
  const config = settings.sidecarConfig === undefined ? sidecar.DEMO_CONFIG : await sidecar.loadSidecarConfig(settings.sidecarConfig);
  return new sidecar.Components(config);
}

export function taskHostCalls(settings: TaskSettings, log: (line: string) => void): LayottoHostCalls {
  return layottoHostCalls(() => connect(settings), log);
}
