import type { Command } from 'commander';
import { storeRoot } from '../store-root.js';

export function register(program: Command): void {
  program
    .command('rmi')
    .description('Remove images from the store (their files go when no other name uses them)')
    .argument('<reference...>', 'stored references or digests')
    .addHelpText('after', '\nExamples:\n  wasmctl rmi hello:v1\n  wasmctl rmi 127.0.0.1:5000/hello:v1 sha256:db2791bf')
    .action(async (references: string[], _raw: unknown, command: Command) => {
      const { openStore } = await import('../../image/index.js');
      const store = openStore(storeRoot(command));
      for (const reference of references) {
        const { untagged, deleted } = await store.remove(reference);
        for (const name of untagged) process.stdout.write(`Untagged: ${name}\n`);
        for (const digest of deleted) process.stdout.write(`Deleted: ${digest}\n`);
      }
    });
}
