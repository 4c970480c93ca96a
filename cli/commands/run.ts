import { createRequire } from 'node:module';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { WasmctlError, describeError } from '../../common/index.js';
import type { RunOptions } from '../../api/index.js';
import { parseDuration, parseMemory } from '../../api/units.js';
import { ENGINE_NAMES } from '../../runtime-bridge/types.js';
import { collect, parseDir, parseEnvEntry, parseVolume, readEnvFile } from '../parse.js';
import { storeRoot } from '../store-root.js';
import { layerProgress } from '../progress.js';
import { parseOptions } from '../options.js';

const runOptionsSchema = z.object({
  env: z.array(z.string()).default([]),
  envFile: z.array(z.string()).default([]),
  workdir: z.string().startsWith('/', '-w takes an absolute path inside the image, e.g. -w /app').optional(),
  entrypoint: z.string().optional(),
  volume: z.array(z.string()).default([]),
  dir: z.array(z.string()).default([]),
  timeout: z.string().optional(),
  memory: z.string().optional(),
  ulimit: z.array(z.string()).default([]),
  interactive: z.boolean().default(false),
  tty: z.boolean().default(false),
  rm: z.boolean().default(false),
  name: z.string().optional(),
  engine: z.enum(ENGINE_NAMES).default('wasmctl'),
  pull: z.enum(['missing', 'never', 'always']).default('missing'),
  platform: z.string().optional(),
  plainHttp: z.boolean().default(false),
  quiet: z.boolean().default(false),
  sidecar: z.string().optional(),
  sidecarConfig: z.string().optional(),
  allowHttp: z.array(z.string()).default([]),
  subscribe: z.array(z.string()).default([]),
});
type CliRunOptions = z.infer<typeof runOptionsSchema>;

/** The option parser's first run, for the startup snapshot to hold it compiled (snapshot-warm.ts). */
export const warmOptions = (): void => void parseOptions(runOptionsSchema, { env: ['A=1'], volume: ['/a:/b'], timeout: '1s', quiet: true });

/** docker's `--ulimit nofile=N` (or `N:N`, soft:hard; one limit here, so the soft one counts). */
function parseUlimits(specs: string[]): { nofile?: number } {
  let nofile: number | undefined;
  for (const spec of specs) {
    const match = /^nofile=(\d+)(?::\d+)?$/.exec(spec);
    if (!match) {
      throw new WasmctlError('InvalidArgument', `--ulimit ${spec}: only nofile=N is a limit a Wasm module has`, {
        hint: 'e.g. --ulimit nofile=256',
      });
    }
    nofile = Number(match[1]);
  }
  return nofile === undefined ? {} : { nofile };
}

/**
 * isatty(2), not process.stderr.isTTY: a run that writes nothing of its own to stderr then never
 * creates node's stderr stream (a socket or tty object: several ms at start). node:tty is taken at
 * first use because a startup snapshot cannot be built with it.
 */
const stderrIsTTY = (): boolean => (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(2);

/** The flags as the library's options: env files first, then each -e, the last of a name winning. */
function libraryOptions(
  options: CliRunOptions,
  args: string[],
  root: string,
  inline: RunOptions['inline'],
  stderrIsTTY: boolean,
): RunOptions {
  const env = [...options.envFile.flatMap(readEnvFile), ...options.env.flatMap((entry) => parseEnvEntry(entry, `-e ${entry}`) ?? [])];
  return {
    args,
    env,
    mounts: [...options.volume.map(parseVolume), ...options.dir.map(parseDir)],
    ...(options.workdir === undefined ? {} : { workdir: options.workdir }),
    ...(options.entrypoint === undefined ? {} : { entrypoint: options.entrypoint }),
    ...(options.timeout === undefined ? {} : { timeout: parseDuration(options.timeout, '--timeout') }),
    ...(options.memory === undefined ? {} : { memory: parseMemory(options.memory, '--memory') }),
    ...parseUlimits(options.ulimit),
    // -t: a TTY is passed through as the fd it is; there is no pseudo-terminal to allocate.
    stdin: options.interactive ? 'inherit' : 'ignore',
    stdout: 'inherit',
    stderr: 'inherit',
    engine: options.engine,
    root,
    pull: options.pull,
    ...(options.platform === undefined ? {} : { platform: options.platform }),
    plainHttp: options.plainHttp,
    ...(!options.quiet && stderrIsTTY ? { onProgress: layerProgress(process.stderr) } : {}),
    ...(options.sidecar === undefined ? {} : { sidecar: options.sidecar }),
    ...(options.sidecarConfig === undefined ? {} : { sidecarConfig: options.sidecarConfig }),
    allowHttp: options.allowHttp,
    subscribe: options.subscribe,
    onWarning: (line) => process.stderr.write(`wasmctl: ${line}\n`),
    // This process exists for the run: the module runs on its main thread.
    inline,
  };
}

export function register(program: Command): void {
  program
    .command('run')
    .summary('Run a Wasm image or module')
    .usage('[options] IMAGE [ARG...]')
    .description(
      "Run the module named by the image's Entrypoint and Cmd under WASI preview 1, in a sandbox that " +
        "sees only the image's files (read-only) and the folders given with -v or --dir. Everything " +
        "after IMAGE is the module's: arguments after IMAGE replace its Cmd (so an image with an " +
        'ENTRYPOINT takes them as arguments; one with only a Cmd takes the first as the module to run). ' +
        "The exit code is the module's; 125 means wasmctl itself failed, 126 an entry that is not a " +
        'Wasm module, 127 an entry missing from the image, 134 a trap, 124 --timeout, 141 a closed ' +
        'stdout or stderr pipe.',
    )
    .argument('<image>', 'image reference, docker-archive:/oci-archive:/oci: transport, archive path, or .wasm file')
    .argument('[args...]', "arguments for the module (replace the image's Cmd)")
    .passThroughOptions()
    .option('-e, --env <NAME=value>', "set an environment variable over the image's (NAME alone copies it from the host)", collect)
    .option('--env-file <file>', 'read environment variables from a file (NAME=value per line)', collect)
    .option('-w, --workdir <dir>', 'working directory inside the image')
    .option('--entrypoint <path>', "override the image's Entrypoint")
    .option('-v, --volume <host:guest[:ro]>', "mount a host folder into the module (HOST:/ is a bare module's whole root)", collect)
    .option('--dir <host[::guest]>', "wasmtime's form of a read-write mount (guest defaults to the host path)", collect)
    .option('--timeout <duration>', 'stop the module after this long (e.g. 500ms, 90s, 1m30s)')
    .option('-m, --memory <size>', "cap the module's linear memory and tables together (e.g. 64m, 1g, 65536)")
    .option('--ulimit <nofile=N>', "docker's --ulimit: most files the module may hold open (default nofile=1024)", collect)
    .option('-i, --interactive', "give the module wasmctl's stdin")
    .option('-t, --tty', 'accepted for docker command lines: a terminal is passed through as it is')
    .option('--rm', 'accepted for docker command lines: no container is left behind to remove')
    .option('--name <name>', "a name for this run, shown in wasmctl's messages")
    .addOption(new Option('--engine <name>', 'WASI engine').choices(ENGINE_NAMES).default('wasmctl'))
    .addOption(new Option('--pull <policy>', 'pull the image').choices(['missing', 'never', 'always']).default('missing'))
    .option('--platform <os/arch>', 'platform to pull (e.g. wasi/wasm)')
    .option('--plain-http', 'use plain HTTP for the registry (automatic for localhost)')
    .option('-q, --quiet', 'no pull progress')
    .option('--sidecar <host:port>', 'serve runtime host calls (state, invoke, publish…) from this Layotto-compatible sidecar')
    .option('--sidecar-config <file>', "config of the embedded sidecar (Layotto's config.json shape)")
    .option(
      '--allow-http <host[:port]>',
      "a host a component's wasi:http/outgoing-handler may reach (repeatable; any port when none is given)",
      collect,
    )
    .option(
      '--subscribe <pubsub:topic>',
      "call a component's wasi:messaging/incoming-handler with each message on this topic of the embedded sidecar's pub/sub (repeatable)",
      collect,
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        "  wasmctl run samples/hello/hello-oci.tar a b         the sample's ENTRYPOINT gets a b\n" +
        "  wasmctl run 127.0.0.1:5000/hello:v1 --flag value    everything after IMAGE is the module's\n" +
        '  wasmctl run -e GREETING=hi -v ./data:/data:ro --timeout 2s --memory 64m hello:v1\n' +
        '  wasmctl run --dir ./site::/srv --env MODE=dev ./server.wasm\n' +
        '  echo text | wasmctl run -i ./echo.wasm',
    )
    .action(async (target: string, args: string[], rawOptions: unknown, command: Command) => {
      // The module's watchdog boots first: the option checks and the image lookup run meanwhile.
      const { exitWhenEnded, parentTakesSignals, prestartRun, startRun, STOP_SIGNALS } = await import('../snapshot-run.js');
      prestartRun(process.argv);
      const options = parseOptions(runOptionsSchema, rawOptions);
      const named = (message: string) => (options.name === undefined ? message : `${options.name}: ${message}`);
      const running = await startRun(
        target,
        libraryOptions(
          options,
          args,
          storeRoot(command),
          { stopLine: (message) => `wasmctl: ${named(message)}\n`, parentTakesSignals: parentTakesSignals() },
          stderrIsTTY(),
        ),
      ).catch((err: unknown) => {
        if (options.name === undefined || !(err instanceof WasmctlError)) throw err;
        throw new WasmctlError(err.kind, named(describeError(err)), err.exitCode === undefined ? {} : { exitCode: err.exitCode });
      });
      const forward = (signal: NodeJS.Signals) => running.kill(signal);
      for (const signal of STOP_SIGNALS) process.on(signal, forward);
      const result = await running.done;
      for (const signal of STOP_SIGNALS) process.off(signal, forward);
      if (result.message !== undefined)
        process.stderr.write(`wasmctl: ${named(result.message)}
`);
      // A module stuck where its thread cannot be stopped ends with the process, code and all.
      await exitWhenEnded(running, result.exitCode);
    });
}
