import type { Command } from 'commander';
import { z } from 'zod';
import { printJson } from '../output.js';
import { parseOptions } from '../options.js';
import { layerProgress } from '../progress.js';
import { storeRoot } from '../store-root.js';

const OptionsSchema = z.object({ plainHttp: z.boolean().optional(), quiet: z.boolean().optional(), json: z.boolean().optional() });

/** Pushes stored images by name; shared with `build --push`. */
export async function pushNames(root: string, names: string[], options: z.infer<typeof OptionsSchema>): Promise<void> {
  const { openStore, pushImage } = await import('../../image/index.js');
  const store = openStore(root);
  const showProgress = !options.quiet && !options.json && process.stderr.isTTY;
  for (const name of names) {
    const pushed = await pushImage(store, name, {
      plainHttp: options.plainHttp ?? false,
      ...(showProgress ? { onProgress: layerProgress(process.stderr) } : {}),
    });
    if (options.json) printJson(pushed);
    else process.stdout.write(`${pushed.reference}\nDigest: ${pushed.digest}\n`);
  }
}

export function register(program: Command): void {
  program
    .command('push')
    .description('Push a stored image to its registry (OCI distribution; blobs already there are skipped)')
    .argument('<reference>', 'a stored name, e.g. 127.0.0.1:5000/team/hello:v1')
    .option('--plain-http', 'use HTTP instead of HTTPS (automatic for localhost, 127.0.0.1 and ::1)')
    .option('-q, --quiet', 'no progress display')
    .option('--json', 'print what was uploaded, mounted and skipped as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  wasmctl tag hello:v1 127.0.0.1:5000/team/hello:v1\n' +
        '  wasmctl push 127.0.0.1:5000/team/hello:v1\n\n' +
        'Credentials come from `wasmctl login` ($DOCKER_CONFIG/config.json or ~/.docker/config.json), credential helpers included.',
    )
    .action(async (reference: string, raw: unknown, command: Command) => {
      await pushNames(storeRoot(command), [reference], parseOptions(OptionsSchema, raw));
    });
}
