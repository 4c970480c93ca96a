import type { Command } from 'commander';
import { z } from 'zod';
import { WasmctlError } from '../../common/index.js';
import { printJson } from '../output.js';
import { storeRoot } from '../store-root.js';
import { parseOptions } from '../options.js';

const OptionsSchema = z.object({ input: z.string().optional(), platform: z.string().optional(), json: z.boolean().optional() });

export function configure(command: Command): Command {
  return command
    .description('Load images from a `docker save` tar, an OCI archive, an OCI layout folder, or stdin')
    .option('-i, --input <path>', 'archive file or OCI layout folder (default: read a tar from stdin)')
    .option('--platform <os/arch>', 'platform to pick from a multi-platform image')
    .option('--json', 'print the loaded images as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  wasmctl load -i hello-docker.tar\n' +
        '  wasmctl load -i ./hello-layout\n' +
        '  buildah push hello docker-archive:/dev/stdout | wasmctl load',
    )
    .action(async (raw: unknown, cmd: Command) => {
      const options = parseOptions(OptionsSchema, raw);
      const { displayName } = await import('../../image/index.js');
      const { openStore } = await import('../../api/index.js');
      const loadedName = (reference: string) => {
        const { repository, tag } = displayName(reference);
        return repository === '<none>' ? reference : `${repository}:${tag}`;
      };
      if (!options.input && process.stdin.isTTY) {
        throw new WasmctlError('InvalidArgument', 'requested a load from stdin, but stdin is a terminal', {
          hint: 'pipe an archive in, or give it with -i FILE',
        });
      }
      const images = await openStore(storeRoot(cmd)).load(
        options.input ? { path: options.input } : { stream: process.stdin, name: 'stdin' },
        options.platform ? { platform: options.platform } : {},
      );
      if (options.json) printJson(images);
      else for (const image of images) process.stdout.write(`Loaded image: ${loadedName(image.reference)}\n`);
    });
}

export const register = (program: Command): void => void configure(program.command('load'));
