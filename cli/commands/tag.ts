import type { Command } from 'commander';
import { storeRoot } from '../store-root.js';

export function register(program: Command): void {
  program
    .command('tag')
    .description('Give a stored image another name (the name can then be pushed)')
    .argument('<source>', 'a stored reference or digest')
    .argument('<target>', 'the new name, e.g. 127.0.0.1:5000/team/hello:v1')
    .addHelpText('after', '\nExamples:\n  wasmctl tag hello:v1 127.0.0.1:5000/team/hello:v1\n  wasmctl tag sha256:6db6b6af hello:latest')
    .action(async (source: string, target: string, _raw: unknown, command: Command) => {
      const { openStore } = await import('../../image/index.js');
      await openStore(storeRoot(command)).tag(source, target);
    });
}
