import type { Command } from 'commander';
import { z } from 'zod';
import { layerProgress } from '../progress.js';
import { printJson } from '../output.js';
import { storeRoot } from '../store-root.js';
import { parseOptions } from '../options.js';

const OptionsSchema = z.object({
  platform: z.string().optional(),
  plainHttp: z.boolean().optional(),
  quiet: z.boolean().optional(),
  json: z.boolean().optional(),
});

export function configure(command: Command): Command {
  return command
    .description('Pull an image from an OCI registry, or an archive or layout by transport, into the store')
    .argument('<reference>', 'image reference, e.g. 127.0.0.1:5000/hello:v1; or oci-archive:PATH, docker-archive:PATH, oci:DIR')
    .option('--platform <os/arch>', 'platform to pick from a multi-platform image, e.g. wasi/wasm')
    .option('--plain-http', 'use HTTP instead of HTTPS (automatic for localhost, 127.0.0.1 and ::1)')
    .option('-q, --quiet', 'no progress display')
    .option('--json', 'print the pulled image as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  wasmctl pull 127.0.0.1:5000/hello:v1\n' +
        '  wasmctl pull --platform wasi/wasm ghcr.io/org/fn:1.0\n' +
        '  wasmctl pull --platform wasip2/wasm oci-archive:hello-index.tar\n\n' +
        'Credentials come from $DOCKER_CONFIG/config.json (or ~/.docker/config.json), credential helpers included.',
    )
    .action(async (reference: string, raw: unknown, cmd: Command) => {
      const options = parseOptions(OptionsSchema, raw);
      const showProgress = !options.quiet && !options.json && process.stderr.isTTY;
      const { openStore } = await import('../../image/index.js');
      const image = await openStore(storeRoot(cmd)).pull(reference, {
        ...(options.platform ? { platform: options.platform } : {}),
        plainHttp: options.plainHttp ?? false,
        ...(showProgress ? { onProgress: layerProgress(process.stderr) } : {}),
      });
      if (options.json) printJson(image);
      else process.stdout.write(`${image.reference}\nDigest: ${image.digest}\n`);
    });
}

export const register = (program: Command): void => void configure(program.command('pull'));
