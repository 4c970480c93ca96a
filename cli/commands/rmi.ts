import type { Command } from 'commander';
import { describeError, hasKind } from '../../common/index.js';
import { storeRoot } from '../store-root.js';

export function configure(command: Command): Command {
  return command
    .description('Remove images from the store (their files go when no other name uses them)')
    .argument('<reference...>', 'stored references or digests')
    .addHelpText(
      'after',
      '\nEach image is removed on its own: a name that cannot be removed is reported and the others still go ' +
        '(exit 1 when any failed).\n\nExamples:\n  wasmctl rmi hello:v1\n  wasmctl rmi 127.0.0.1:5000/hello:v1 sha256:db2791bf',
    )
    .action(async (references: string[], _raw: unknown, cmd: Command) => {
      const { openStore } = await import('../../api/index.js');
      const store = openStore(storeRoot(cmd));
      let failed = 0;
      for (const reference of references) {
        try {
          const { untagged, deleted } = await store.remove(reference);
          for (const name of untagged) process.stdout.write(`Untagged: ${name}\n`);
          for (const digest of deleted) process.stdout.write(`Deleted: ${digest}\n`);
        } catch (err) {
          failed++;
          process.stderr.write(
            `wasmctl: ${hasKind(err, 'NotFound') ? `no such image: ${reference}` : `${reference}: ${describeError(err)}`}\n`,
          );
        }
      }
      if (failed > 0) process.exitCode = 1;
    });
}

export const register = (program: Command): void => void configure(program.command('rmi'));
