import type { Command } from 'commander';
import { printJson } from '../output.js';
import { storeRoot } from '../store-root.js';

export function register(program: Command): void {
  program
    .command('inspect')
    .description('Show a stored image as JSON: reference, digest, platform, config, layers')
    .argument('<reference>', 'stored reference or (a prefix of) its digest')
    .addHelpText('after', '\nExamples:\n  wasmctl inspect hello:v1\n  wasmctl inspect sha256:db2791bf')
    .action(async (reference: string, _raw: unknown, command: Command) => {
      const { openStore } = await import('../../image/index.js');
      printJson(await openStore(storeRoot(command)).get(reference));
    });
}
