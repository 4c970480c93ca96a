import type { Command } from 'commander';
import { z } from 'zod';
import { WasmctlError } from '../../common/index.js';
import type { PushOptions, Pushed } from '../../image/index.js';
import { printJson } from '../output.js';
import { parseOptions } from '../options.js';
import { layerProgress } from '../progress.js';
import { storeRoot } from '../store-root.js';

const OptionsSchema = z.object({ plainHttp: z.boolean().optional(), quiet: z.boolean().optional(), json: z.boolean().optional() });

type Options = z.infer<typeof OptionsSchema>;

/** The push options a command's flags say; shared with `build --push`. */
export function pushOptions(options: Options): PushOptions {
  const showProgress = !options.quiet && !options.json && process.stderr.isTTY;
  return { plainHttp: options.plainHttp ?? false, ...(showProgress ? { onProgress: layerProgress(process.stderr) } : {}) };
}

export function printPushed(pushed: Pushed, options: Options): void {
  if (options.json) printJson(pushed);
  else process.stdout.write(`${pushed.reference}\nDigest: ${pushed.digest}\n`);
}

export function register(program: Command): void {
  program
    .command('push')
    .description('Push a stored image to its registry (OCI distribution; blobs already there are skipped)')
    .argument('<reference>', 'a stored name, e.g. 127.0.0.1:5000/team/hello:v1; or oci:DIR, an OCI layout (an image index too)')
    .argument('[destination]', "where to push oci:DIR's image, e.g. 127.0.0.1:5000/team/hello:v1")
    .option('--plain-http', 'use HTTP instead of HTTPS (automatic for localhost, 127.0.0.1 and ::1)')
    .option('-q, --quiet', 'no progress display')
    .option('--json', 'print what was uploaded, mounted and skipped as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  wasmctl tag hello:v1 127.0.0.1:5000/team/hello:v1\n' +
        '  wasmctl push 127.0.0.1:5000/team/hello:v1\n' +
        '  wasmctl push oci:hello-layout 127.0.0.1:5000/team/hello:v1   # as skopeo copy --all\n\n' +
        'Credentials come from `wasmctl login` ($DOCKER_CONFIG/config.json or ~/.docker/config.json), credential helpers included.',
    )
    .action(async (reference: string, destination: string | undefined, raw: unknown, command: Command) => {
      const options = parseOptions(OptionsSchema, raw);
      const { openStore, pushImage, pushLayout } = await import('../../image/index.js');
      const layout = reference.startsWith('oci:') ? reference.slice('oci:'.length) : undefined;
      if (layout !== undefined && !destination)
        throw new WasmctlError('InvalidArgument', `push ${reference} needs a destination`, {
          hint: `wasmctl push ${reference} REGISTRY/NAME:TAG`,
        });
      if (layout === undefined && destination) {
        throw new WasmctlError('InvalidArgument', 'push takes a destination only after oci:DIR', {
          hint: `name the stored image first: wasmctl tag ${reference} ${destination}`,
        });
      }
      const pushed =
        layout !== undefined
          ? await pushLayout(layout, destination as string, pushOptions(options))
          : await pushImage(openStore(storeRoot(command)), reference, pushOptions(options));
      printPushed(pushed, options);
    });
}
