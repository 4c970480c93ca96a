import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { WasmctlError } from '../../common/index.js';
import type { StoredImage } from '../../image/index.js';
import type { RunOutcome, RunRequest } from '../../runtime-bridge/index.js';
import { collect, parseDuration, parseEngine, parseEnvEntry, parseMount, parseSize, readEnvFile } from '../parse.js';
import { storeRoot } from '../store-root.js';
import { composeArgv } from '../run-request.js';
import { layerProgress } from '../progress.js';
import { parseOptions } from '../options.js';

const runOptionsSchema = z.object({
  env: z.array(z.string()).default([]),
  envFile: z.array(z.string()).default([]),
  workdir: z.string().startsWith('/', '-w takes an absolute path inside the image, e.g. -w /app').optional(),
  entrypoint: z.string().optional(),
  volume: z.array(z.string()).default([]),
  timeout: z.string().optional(),
  memory: z.string().optional(),
  interactive: z.boolean().default(false),
  engine: z.string().default('wasmctl'),
  pull: z.enum(['missing', 'never', 'always']).default('missing'),
  platform: z.string().optional(),
  plainHttp: z.boolean().default(false),
  quiet: z.boolean().default(false),
  sidecar: z.string().optional(),
  sidecarConfig: z.string().optional(),
});
type RunOptions = z.infer<typeof runOptionsSchema>;

const isWasmFile = (target: string) => target.endsWith('.wasm') && existsSync(target) && statSync(target).isFile();
const isLocalArchive = (target: string) => !target.includes(':') && existsSync(target);
/** Only a host path looks like this: a missing one is named as such, not parsed as a reference. */
const isPathLike = (target: string) => /^\.{0,2}\//.test(target) || target.endsWith('.wasm');

async function findImage(target: string, options: RunOptions, root: string): Promise<StoredImage> {
  const { openStore } = await import('../run-path.js');
  const store = openStore(root);
  if (isLocalArchive(target)) {
    const [image] = await store.load({ path: resolve(target) });
    if (!image) throw new WasmctlError('InvalidArgument', `${target} holds no image`);
    return image;
  }
  const fetch = {
    ...(options.platform === undefined ? {} : { platform: options.platform }),
    plainHttp: options.plainHttp,
    ...(!options.quiet && process.stderr.isTTY ? { onProgress: layerProgress(process.stderr) } : {}),
  };
  return store.resolve(target, { ...fetch, pull: options.pull });
}

async function buildRequest(target: string, args: string[], options: RunOptions, root: string): Promise<RunRequest> {
  if (isPathLike(target) && !existsSync(target)) throw new WasmctlError('NotFound', `${target} does not exist`);
  const env = options.envFile.flatMap(readEnvFile);
  const userEnv = [...env, ...options.env.flatMap((entry) => parseEnvEntry(entry) ?? [])];
  const { componentCacheDir } = await import('../run-path.js');
  const common = {
    componentCache: componentCacheDir(root),
    mounts: options.volume.map(parseMount),
    stdio: { stdin: options.interactive ? 0 : null, stdout: 1, stderr: 2 },
    limits: {
      ...(options.timeout === undefined ? {} : { timeoutMs: parseDuration(options.timeout) }),
      ...(options.memory === undefined ? {} : { memoryBytes: parseSize(options.memory) }),
    },
    engine: parseEngine(options.engine),
  };
  if (isWasmFile(target)) {
    return { ...common, rootfs: null, modulePath: resolve(target), argv: [target, ...args], env: userEnv, cwd: options.workdir ?? '/' };
  }
  const image = await findImage(target, options, root);
  return {
    ...common,
    rootfs: image.rootfs,
    argv: composeArgv(image, { entrypoint: options.entrypoint, args }),
    env: [...image.config.env, ...userEnv],
    cwd: options.workdir ?? (image.config.workingDir || '/'),
  };
}

const SIGNALS_TO_FORWARD = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function reportOutcome(outcome: RunOutcome): number {
  if (outcome.kind === 'trapped' || outcome.kind === 'timeout' || outcome.kind === 'failed') {
    process.stderr.write(`wasmctl: ${outcome.message}\n`);
  }
  return outcome.exitCode;
}

export function register(program: Command): void {
  program
    .command('run')
    .summary('Run a Wasm image or module')
    .description(
      'Run the module named by the image\'s Entrypoint and Cmd under WASI preview 1, in a sandbox that ' +
        'sees only the image\'s files (read-only) and the folders given with -v. Arguments after the ' +
        'image replace its Cmd. The exit code is the module\'s; 125 means wasmctl itself failed, ' +
        '126 an entry that is not a Wasm module, 127 an entry missing from the image, 134 a trap, ' +
        '124 --timeout.',
    )
    .argument('<image>', 'image reference, docker-archive:/oci-archive:/oci: transport, archive path, or .wasm file')
    .argument('[args...]', 'arguments for the module (replace the image\'s Cmd)')
    .option('-e, --env <NAME=value>', 'set an environment variable (NAME alone copies it from the host)', collect)
    .option('--env-file <file>', 'read environment variables from a file', collect)
    .option('-w, --workdir <dir>', 'working directory inside the image')
    .option('--entrypoint <path>', 'override the image\'s Entrypoint')
    .option('-v, --volume <host:guest[:ro]>', 'mount a host folder into the module', collect)
    .option('--timeout <duration>', 'stop the module after this long (e.g. 2s, 500ms)')
    .option('-m, --memory <size>', 'cap the module\'s linear memory (e.g. 64m)')
    .option('-i, --interactive', 'give the module wasmctl\'s stdin')
    .addOption(new Option('--engine <name>', 'WASI engine').choices(['wasmctl', 'wasmer']).default('wasmctl'))
    .addOption(new Option('--pull <policy>', 'pull the image').choices(['missing', 'never', 'always']).default('missing'))
    .option('--platform <os/arch>', 'platform to pull (e.g. wasi/wasm)')
    .option('--plain-http', 'use plain HTTP for the registry (automatic for localhost)')
    .option('-q, --quiet', 'no pull progress')
    .option('--sidecar <host:port>', 'serve runtime host calls (state, invoke, publish…) from this Layotto-compatible sidecar')
    .option('--sidecar-config <file>', 'config of the embedded sidecar (Layotto\'s config.json shape)')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  wasmctl run samples/hello/hello-oci.tar\n' +
        '  wasmctl run 127.0.0.1:5000/hello:v1 a b\n' +
        '  wasmctl run -e GREETING=hi -v ./data:/data:ro --timeout 2s --memory 64m hello:v1\n' +
        '  echo text | wasmctl run -i ./echo.wasm',
    )
    .action(async (target: string, args: string[], rawOptions: unknown, command: Command) => {
      // Booting the module's worker is the longest step of a cold start: it goes first, and the
      // option checks and the image lookup run while it boots.
      const { connectRuntime, layottoHostCalls, prestartWorker, runModule } = await import('../run-path.js');
      prestartWorker();
      const options = parseOptions(runOptionsSchema, rawOptions);
      const built = await buildRequest(target, args, options, storeRoot(command));
      const runtime = layottoHostCalls(() => connectRuntime(options), (line) => process.stderr.write(`wasmctl: ${line}\n`));
      const request = { ...built, hostCalls: runtime.hostCalls };
      const running = runModule(request);
      const forward = (signal: NodeJS.Signals) => running.kill(signal);
      for (const signal of SIGNALS_TO_FORWARD) process.on(signal, forward);
      const outcome = await running.done;
      for (const signal of SIGNALS_TO_FORWARD) process.off(signal, forward);
      await runtime.close();
      process.exitCode = reportOutcome(outcome);
    });
}
