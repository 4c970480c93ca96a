import { WasmctlError } from '../common/index.js';
import type { StoredImage } from '../image/index.js';

/**
 * docker semantics: argv = Entrypoint + Cmd; run arguments replace Cmd; `--entrypoint` replaces the
 * Entrypoint and drops the image's Cmd.
 */
export function composeArgv(image: StoredImage, overrides: { entrypoint?: string | undefined; args: string[] }): string[] {
  const entrypoint = overrides.entrypoint === undefined ? image.config.entrypoint : [overrides.entrypoint];
  const cmd = overrides.args.length > 0 || overrides.entrypoint !== undefined ? overrides.args : image.config.cmd;
  const argv = [...entrypoint, ...cmd];
  if (argv.length === 0) {
    throw new WasmctlError('InvalidArgument', `image ${image.reference} has no Entrypoint or Cmd`, {
      hint: 'give the module to run: wasmctl run IMAGE module.wasm, or --entrypoint',
    });
  }
  return argv;
}
