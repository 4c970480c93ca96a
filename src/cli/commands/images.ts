import type { Command } from 'commander';
import { z } from 'zod';
import { formatBytes, printJson, printTable } from '../output.js';
import { storeRoot } from '../store-root.js';
import { parseOptions } from '../options.js';

const OptionsSchema = z.object({ json: z.boolean().optional() });

export function register(program: Command): void {
  program
    .command('images')
    .description('List the images in the store')
    .option('--json', 'one JSON object per image')
    .addHelpText('after', '\nExamples:\n  wasmctl images\n  wasmctl images --json')
    .action(async (raw: unknown, command: Command) => {
      const options = parseOptions(OptionsSchema, raw);
      const { displayName, openStore } = await import('../../image/index.js');
      const images = await openStore(storeRoot(command)).list();
      if (options.json) {
        printJson(images);
        return;
      }
      printTable(
        ['REPOSITORY', 'TAG', 'DIGEST', 'SIZE', 'CREATED'],
        images.map((image) => {
          const { repository, tag } = displayName(image.reference);
          return [repository, tag, image.digest.slice(0, 19), formatBytes(image.size), image.created ?? ''];
        }),
      );
    });
}
