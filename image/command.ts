/**
 * An image → what to run, as docker composes it: argv = Entrypoint + Cmd; arguments replace Cmd;
 * `--entrypoint` replaces the Entrypoint and drops Cmd; the environment is the image's then the
 * caller's, one entry per name, the last winning; the working directory is WorkingDir unless given.
 * `wasmctl run` and `wasmctl serve` both take their command from here.
 */
import { lastWins, WasmctlError } from '../common/index.js';
import type { StoredImage } from './store.js';

export interface ImageCommand {
  argv: string[];
  env: string[];
  cwd: string;
}

export interface CommandOverrides {
  entrypoint?: string;
  args?: string[];
  env?: string[];
  workdir?: string;
}

export function commandOf(image: StoredImage, over: CommandOverrides = {}): ImageCommand {
  const args = over.args ?? [];
  const entry = over.entrypoint === undefined ? image.config.entrypoint : [over.entrypoint];
  const cmd = args.length > 0 || over.entrypoint !== undefined ? args : image.config.cmd;
  const argv = [...entry, ...cmd];
  if (argv.length === 0) {
    throw new WasmctlError('InvalidArgument', `image ${image.reference} has no Entrypoint or Cmd`, {
      hint: 'give the module to run: wasmctl run IMAGE module.wasm, or --entrypoint',
    });
  }
  return { argv, env: lastWins([...image.config.env, ...(over.env ?? [])]), cwd: over.workdir ?? (image.config.workingDir || '/') };
}
