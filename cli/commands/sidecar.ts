import type { Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_LISTEN } from '../../runtime-bridge/sidecar/defaults.js';
import { printJson } from '../output.js';
import { untilSignal } from '../signals.js';
import { parseOptions } from '../options.js';

const OptionsSchema = z.object({
  listen: z.string(),
  config: z.string().optional(),
  invokeEndpoint: z.string().optional(),
  json: z.boolean().optional(),
});

export function register(program: Command): void {
  program
    .command('sidecar')
    .description("Serve Layotto's runtime API (spec.proto.runtime.v1) over gRPC until SIGTERM or SIGINT")
    .option('--listen <host:port>', 'address to listen on; port 0 picks a free one', DEFAULT_LISTEN)
    .option('--config <file>', "Layotto's config.json, or a bare grpc_config object (default: in-memory demo components)")
    .option('--invoke-endpoint <url>', 'where InvokeService forwards calls over HTTP (header id: <target>)')
    .option('--json', 'print the address and components as JSON')
    .addHelpText(
      'after',
      '\nWith no --config: state state_demo, pub/sub pub_subs_demo, sequencer sequencer_demo, lock lock_demo,\n' +
        'hello helloworld, configuration config_demo, all in memory.\n\n' +
        'Examples:\n' +
        '  wasmctl sidecar\n' +
        '  wasmctl sidecar --config layotto.json --listen 0.0.0.0:34904\n' +
        '  wasmctl sidecar --listen 127.0.0.1:0 --json --invoke-endpoint http://127.0.0.1:2045',
    )
    .action(async (raw: unknown) => {
      const options = parseOptions(OptionsSchema, raw);
      const { startSidecar } = await import('../../api/index.js');
      const sidecar = await startSidecar({
        listen: options.listen,
        ...(options.config ? { configFile: options.config } : {}),
        ...(options.invokeEndpoint ? { invokeEndpoint: options.invokeEndpoint } : {}),
      });
      if (options.json) printJson({ address: sidecar.address, components: sidecar.components.describe() });
      else process.stdout.write(`listening on ${sidecar.address}\n`);
      const signal = await untilSignal();
      process.stderr.write(`wasmctl sidecar: ${signal}, shutting down\n`);
      await sidecar.close();
    });
}
