import type { Command } from 'commander';
import { z } from 'zod';
import { WasmctlError } from '../../common/index.js';
import { parseOptions } from '../options.js';
import { storeRoot } from '../store-root.js';

const OptionsSchema = z.object({
  output: z.string().optional(),
  format: z.enum(['docker-archive', 'oci-archive']).default('docker-archive'),
});

export function register(program: Command): void {
  program
    .command('save')
    .description('Write stored images to a tar archive (docker save), for `docker load`, `skopeo copy docker-archive:` or `wasmctl load`')
    .argument('<reference...>', 'stored references or digests; or oci:DIR, an OCI layout (an image index too)')
    .option('-o, --output <file>', 'write to this file (default: stdout, when it is not a terminal)')
    .option('--format <docker-archive|oci-archive>', 'archive format', 'docker-archive')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  wasmctl save -o hello.tar hello:v1 fn:v1\n' +
        '  wasmctl save --format oci-archive hello:v1 > hello-oci.tar\n' +
        "  wasmctl save -o hello-index.tar oci:hello-layout   # a multi-platform build's layout",
    )
    .action(async (references: string[], raw: unknown, command: Command) => {
      const options = parseOptions(OptionsSchema, raw);
      if (!options.output && process.stdout.isTTY) {
        throw new WasmctlError('InvalidArgument', 'refusing to write an archive to a terminal', { hint: 'use -o FILE or redirect stdout' });
      }
      const { openStore, saveImages } = await import('../../image/index.js');
      await saveImages(openStore(storeRoot(command)), references, options.format, options.output ?? process.stdout);
    });
}
