import { Command } from 'commander';
import { registerCommands } from './commands/index.js';

/** The `wasmctl` command tree, for both entries: main.ts (ES modules) and snapshot.ts. */
export function createProgram(): Command {
  const program = new Command('wasmctl')
    .description(
      'Run WebAssembly images the way containers are run.\n\n' +
        'Images come from OCI registries, `docker save` archives, OCI archives and OCI layouts; ' +
        'modules run under WASI preview 1 in a sandbox that sees only the image and what you mount.',
    )
    .option('--root <dir>', 'image store folder (default: $WASMCTL_ROOT, else $XDG_DATA_HOME/wasmctl)')
    .version(process.env.npm_package_version ?? '0.1.0')
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  wasmctl run samples/hello/hello-oci.tar       run the sample image from its OCI archive\n' +
        '  wasmctl pull 127.0.0.1:5000/hello:v1          pull from a registry (plain HTTP on loopback)\n' +
        '  buildah push hello docker-archive:/dev/stdout | wasmctl load\n' +
        '  wasmctl images --json',
    );
  registerCommands(program);
  return program;
}
