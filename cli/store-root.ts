import type { Command } from 'commander';
import { defaultStoreRoot } from '../api/store-root.js';

/** --root, else the library's default ($WASMCTL_ROOT, else $XDG_DATA_HOME/wasmctl). */
export function storeRoot(command: Command): string {
  return command.optsWithGlobals<{ root?: string }>().root || defaultStoreRoot();
}
