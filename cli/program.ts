import { Command } from 'commander';
import { UsageError } from './output.js';
import { wasmctlVersion } from './version-info.js';

/** Every command: a usage error becomes a WasmctlError-like exit 125 naming the command's --help. */
function reportUsageErrors(command: Command): void {
  command.exitOverride((err) => {
    throw new UsageError(err, command);
  });
  command.configureOutput({ outputError: () => undefined });
  for (const sub of command.commands) reportUsageErrors(sub);
}

/**
 * The `wasmctl` command tree with the commands `register` adds (commands/index.ts: all of them), for
 * the entries: main.ts (ES modules), snapshot.ts and, with `run` alone, snapshot-for-run.ts.
 */
export function createProgram(register: (program: Command) => void): Command {
  const program = new Command('wasmctl')
    .description(
      'Run WebAssembly images the way containers are run.\n\n' +
        'Images come from OCI registries, `docker save` archives, OCI archives and OCI layouts; ' +
        'modules run under WASI preview 1 in a sandbox that sees only the image and what you mount.',
    )
    .option('--root <dir>', 'image store folder (default: $WASMCTL_ROOT, else $XDG_DATA_HOME/wasmctl)')
    .version(wasmctlVersion(), '-V, --version', "print wasmctl's version (`wasmctl version` says more)")
    // wasmctl's own options go before the command, the command's before its IMAGE: what follows
    // IMAGE is the module's (docker's and wasmtime's rule).
    .enablePositionalOptions()
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  wasmctl run samples/hello/hello-oci.tar       run the sample image from its OCI archive\n' +
        '  wasmctl pull 127.0.0.1:5000/hello:v1          pull from a registry (plain HTTP on loopback)\n' +
        '  buildah push hello docker-archive:/dev/stdout | wasmctl load\n' +
        '  wasmctl images --json',
    );
  register(program);
  reportUsageErrors(program);
  return program;
}
