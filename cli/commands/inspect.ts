import type { Command } from 'commander';
import { printJson } from '../output.js';
import { storeRoot } from '../store-root.js';

export function configure(command: Command): Command {
  return command
    .description('Show a stored image as JSON: reference, digest, platform, config, layers')
    .argument('<reference>', 'stored reference or (a prefix of) its digest')
    .addHelpText('after', '\nExamples:\n  wasmctl inspect hello:v1\n  wasmctl inspect sha256:db2791bf')
    .action(async (reference: string, _raw: unknown, cmd: Command) => {
      const { openStore } = await import('../../api/index.js');
      printJson(await openStore(storeRoot(cmd)).get(reference));
    });
}

export const register = (program: Command): void => void configure(program.command('inspect'));
