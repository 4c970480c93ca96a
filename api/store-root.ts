import { homedir } from 'node:os';
import { join } from 'node:path';

/** $WASMCTL_ROOT, else $XDG_DATA_HOME/wasmctl (~/.local/share/wasmctl). */
export function defaultStoreRoot(): string {
  if (process.env.WASMCTL_ROOT) return process.env.WASMCTL_ROOT;
  const dataHome = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(dataHome, 'wasmctl');
}
