import type { Command } from 'commander';
import { z } from 'zod';
import type { familiarRepository } from '../../image/index.js';
import { formatBytes, printJson, printTable } from '../output.js';
import { storeRoot } from '../store-root.js';

const OptionsSchema = z.object({ json: z.boolean().optional() });

/** `docker.io/library/hello:v1` → [`hello`, `v1`]; an unnamed image (its digest) → `<none>`. */
function repositoryAndTag(reference: string, familiar: typeof familiarRepository): [string, string] {
  if (reference.startsWith('sha256:')) return ['<none>', '<none>'];
  const at = reference.indexOf('@');
  const named = at >= 0 ? reference.slice(0, at) : reference;
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  return [familiar(hasTag ? named.slice(0, colon) : named), hasTag ? named.slice(colon + 1) : '<none>'];
}

export function register(program: Command): void {
  program
    .command('images')
    .description('List the images in the store')
    .option('--json', 'one JSON object per image')
    .addHelpText('after', '\nExamples:\n  wasmctl images\n  wasmctl images --json')
    .action(async (raw: unknown, command: Command) => {
      const options = OptionsSchema.parse(raw);
      const { familiarRepository, openStore } = await import('../../image/index.js');
      const images = await openStore(storeRoot(command)).list();
      if (options.json) {
        printJson(images);
        return;
      }
      printTable(
        ['REPOSITORY', 'TAG', 'DIGEST', 'SIZE', 'CREATED'],
        images.map((image) => [
          ...repositoryAndTag(image.reference, familiarRepository),
          image.digest.slice(0, 19),
          formatBytes(image.size),
          image.created ?? '',
        ]),
      );
    });
}
