/**
 * Layotto's runtime host functions for a task, served as `wasmctl run` serves them: by the sidecar
 * at `settings.sidecar`, else by embedded components (the demo stores, or `sidecarConfig`). The
 * connection opens on the module's first host call, so a plain WASI module costs nothing here.
 */
import { connectRuntime, layottoHostCalls, type LayottoHostCalls } from '../runtime-bridge/index.js';
import type { TaskSettings } from './settings.js';

export function taskHostCalls(settings: TaskSettings, log: (line: string) => void): LayottoHostCalls {
  return layottoHostCalls(() => connectRuntime(settings), log);
}
