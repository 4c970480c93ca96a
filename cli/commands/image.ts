import type { Command } from 'commander';
import { formatBytes } from '../output.js';
import { storeRoot } from '../store-root.js';
import { configure as images } from './images.js';
import { configure as inspect } from './inspect.js';
import { configure as load } from './load.js';
import { configure as pull } from './pull.js';
import { configure as rmi } from './rmi.js';

/** docker's `image` group: the same commands under their management names, and `prune`. */
export function register(program: Command): void {
  const image = program.command('image').description('Manage the images in the store (ls, rm, inspect, pull, load, prune)');
  images(image.command('ls').alias('list'));
  rmi(image.command('rm').alias('remove'));
  inspect(image.command('inspect'));
  pull(image.command('pull'));
  load(image.command('load'));
  image
    .command('prune')
    .description('Remove unnamed (<none>) images and every file no stored image uses')
    .addHelpText('after', '\nExamples:\n  wasmctl image prune')
    .action(async (_raw: unknown, cmd: Command) => {
      const { openStore } = await import('../../api/index.js');
      const { toolchainTag } = await import('../../runtime-bridge/index.js');
      const { deleted, reclaimedBytes } = await openStore(storeRoot(cmd)).prune(toolchainTag());
      for (const digest of deleted) process.stdout.write(`Deleted: ${digest}\n`);
      process.stdout.write(`Total reclaimed space: ${formatBytes(reclaimedBytes)}\n`);
    });
}
