import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';

/** --root, else $WASMCTL_ROOT, else $XDG_DATA_HOME/wasmctl (~/.local/share/wasmctl). */
export function storeRoot(command: Command): string {
  const fromFlag = command.optsWithGlobals<{ root?: string }>().root;
  if (fromFlag) return fromFlag;
  if (process.env.WASMCTL_ROOT) return process.env.WASMCTL_ROOT;
  const dataHome = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(dataHome, 'wasmctl');
}
