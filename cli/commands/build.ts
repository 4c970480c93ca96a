import type { Command } from 'commander';
import { z } from 'zod';
import { WasmctlError } from '../../common/index.js';
import { printJson } from '../output.js';
import { collect } from '../parse.js';
import { parseOptions } from '../options.js';
import { storeRoot } from '../store-root.js';

const OptionsSchema = z.object({
  tag: z.array(z.string()).default([]),
  file: z.string().optional(),
  buildArg: z.array(z.string()).default([]),
  label: z.array(z.string()).default([]),
  platform: z.string().optional(),
  timestamp: z.coerce.number().int().nonnegative().optional(),
  compress: z.enum(['gzip', 'zstd']).default('gzip'),
  format: z.enum(['oci', 'wasm']).default('oci'),
  target: z.string().optional(),
  output: z.string().optional(),
  push: z.boolean().optional(),
  plainHttp: z.boolean().optional(),
  quiet: z.boolean().optional(),
  json: z.boolean().optional(),
});

/** `--build-arg NAME=value`, or `NAME` alone to pass wasmctl's own $NAME (docker's rule). */
function pairs(entries: string[], flag: string, fromEnv: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq === 0) throw new WasmctlError('InvalidArgument', `invalid ${flag} "${entry}"`, { hint: `use ${flag} NAME=value` });
    if (eq > 0) out[entry.slice(0, eq)] = entry.slice(eq + 1);
    else if (fromEnv && process.env[entry] !== undefined) out[entry] = process.env[entry] as string;
    else if (!fromEnv) out[entry] = '';
  }
  return out;
}

/** The option parser's first run, for the startup snapshot to hold it compiled (snapshot-build.ts). */
export const warmOptions = (): void =>
  void parseOptions(OptionsSchema, { tag: ['a:v1'], buildArg: ['A=1'], label: [], compress: 'gzip', format: 'oci', quiet: true });

const OutputSchema = z.object({ type: z.enum(['oci', 'docker', 'oci-layout']), dest: z.string().min(1) });

/** buildx's `--output type=oci,dest=out.tar`. */
function parseOutput(spec: string) {
  const fields = Object.fromEntries(spec.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  const parsed = OutputSchema.safeParse(fields);
  if (!parsed.success) {
    throw new WasmctlError('InvalidArgument', `invalid --output "${spec}"`, { hint: 'use type=oci|docker|oci-layout,dest=PATH' });
  }
  return parsed.data;
}

export function register(program: Command): void {
  program
    .command('build')
    .description('Build an image from a Dockerfile into the store: no daemon, no shell, reproducible')
    .argument('<context>', 'the build context folder')
    .option('-t, --tag <name>', 'name the image (repeatable)', collect)
    .option('-f, --file <path>', 'the Dockerfile (default: Dockerfile, else Containerfile, in the context)')
    .option('--build-arg <name=value>', 'set a build ARG (repeatable)', collect)
    .option('--label <key=value>', 'add a label to the image (repeatable)', collect)
    .option('--platform <os/arch>', 'platform of the image (default wasi/wasm); a,b builds an image index (with --push or --output)')
    .option('--timestamp <seconds>', 'created time and file mtimes (default $SOURCE_DATE_EPOCH, else 0)')
    .option('--compress <gzip|zstd>', 'layer compression', 'gzip')
    .option('--format <oci|wasm>', 'oci: tar layers; wasm: the Wasm OCI artifact (application/wasm layers)', 'oci')
    .option('--target <stage>', 'build this stage of a multi-stage Dockerfile')
    .option('-o, --output <spec>', 'write type=oci|docker|oci-layout,dest=PATH instead of storing the image')
    .option('--push', 'push every --tag after the build')
    .option('--plain-http', 'push over HTTP (automatic for localhost, 127.0.0.1 and ::1)')
    .option('-q, --quiet', 'print only the image digest')
    .option('--json', 'print the built image as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  wasmctl build -t hello:v1 .\n' +
        '  wasmctl build -t fn:v1 -f Containerfile --build-arg NAME=x ctx/\n' +
        '  wasmctl build -t 127.0.0.1:5000/hello:v1 --push .\n' +
        '  wasmctl build --output type=oci,dest=hello-oci.tar .\n' +
        '  wasmctl build --platform wasi/wasm,wasip2/wasm -t 127.0.0.1:5000/hello:v1 --push .\n' +
        '  wasmctl build --platform wasip1/wasm,wasip2/wasm -t hello:v1 --output type=oci,dest=hello-index.tar .\n' +
        '  wasmctl build --format wasm -t hello:v1 .\n\n' +
        'RUN is refused (a Wasm image has no shell); CMD and ENTRYPOINT take the exec form.',
    )
    .action(async (context: string, raw: unknown, command: Command) => {
      const options = parseOptions(OptionsSchema, raw);
      const output = options.output === undefined ? undefined : parseOutput(options.output);
      if (options.push && output) throw new WasmctlError('InvalidArgument', '--push pushes from the store: leave out --output');
      if (options.push && options.tag.length === 0) throw new WasmctlError('InvalidArgument', '--push needs a --tag naming where to push');
      const { buildAndDeliver, openStore } = await import('../snapshot-build.js');
      const store = openStore(storeRoot(command));
      const shown = { quiet: options.quiet ?? false, json: options.json ?? false };
      const push = options.push ? (await import('./push.js')).pushOptions({ ...shown, plainHttp: options.plainHttp ?? false }) : undefined;
      const built = await buildAndDeliver(
        store,
        {
          context,
          tags: options.tag,
          buildArgs: pairs(options.buildArg, '--build-arg', true),
          labels: pairs(options.label, '--label', false),
          compress: options.compress,
          format: options.format,
          ...(options.file ? { file: options.file } : {}),
          ...(options.platform ? { platform: options.platform } : {}),
          ...(options.timestamp !== undefined ? { timestamp: options.timestamp } : {}),
          ...(options.target ? { target: options.target } : {}),
        },
        output,
        push,
      );
      if (built.pushed) {
        const { printPushed } = await import('./push.js');
        for (const pushed of built.pushed) printPushed(pushed, shown);
      }
      if (options.json) printJson({ digest: built.digest, names: built.names });
      else if (options.quiet) process.stdout.write(`${built.digest}\n`);
      else process.stdout.write(`${[...built.names.map((n) => `Tagged ${n}`), `Digest: ${built.digest}`].join('\n')}\n`);
    });
}
