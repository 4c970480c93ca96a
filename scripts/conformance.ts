/**
 * `npm run conformance`: the official WASI preview 1 suite (WebAssembly/wasi-testsuite) through the
 * real `bin/wasmctl run`, judged as its specification.md says: the fixtures copied, `root` preopened
 * as the guest's `/` (`-v DIR:/`), exactly the spec's args and env, stdin empty, the exit code
 * compared exactly and stdout/stderr by prefix. Ours, not the suite's Python runner: CI has no pip.
 *
 * Usage: node --import tsx scripts/conformance.ts [--engine wasmer] [--filter TEXT] [SUITE_DIR]
 * SUITE_DIR defaults to $WASI_TESTSUITE, else ../shared/wasi-testsuite beside the checkout.
 */
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { z } from 'zod';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TEST_TIMEOUT = '60s';
const PARALLEL = 2;

const legacySpec = z.object({
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).default({}),
  root: z.string().nullable().default(null),
  exit_code: z.number().int().default(0),
  stdout: z.string().default(''),
  stderr: z.string().default(''),
});

const operation = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run'),
    args: z.array(z.string()).default([]),
    env: z.record(z.string(), z.string()).default({}),
    root: z.string().nullable().default(null),
  }),
  z.object({ type: z.literal('wait'), exit_code: z.number().int().default(0) }),
  z.object({ type: z.literal('read'), id: z.enum(['stdout', 'stderr']).default('stdout'), payload: z.string().default('') }),
]);
type Operation = z.infer<typeof operation>;

const operationSpec = z.object({ proposals: z.array(z.string()).default([]), operations: z.array(operation) });

/** A test as operations: the legacy shape converted the way the suite's own executor converts it. */
async function loadOperations(wasm: string): Promise<{ operations: Operation[]; proposals: string[] }> {
  const specPath = wasm.replace(/\.wasm$/, '.json');
  const raw: unknown = existsSync(specPath) ? JSON.parse(await readFile(specPath, 'utf8')) : {};
  if (typeof raw === 'object' && raw !== null && 'operations' in raw) return operationSpec.parse(raw);
  const spec = legacySpec.parse(raw);
  return {
    proposals: [],
    operations: [
      { type: 'run', args: spec.args, env: spec.env, root: spec.root },
      { type: 'read', id: 'stdout', payload: spec.stdout },
      { type: 'read', id: 'stderr', payload: spec.stderr },
      { type: 'wait', exit_code: spec.exit_code },
    ],
  };
}

async function findTests(suite: string): Promise<string[]> {
  const found: string[] = [];
  for (const group of (await readdir(suite, { withFileTypes: true })).filter((d) => d.isDirectory())) {
    const folder = join(suite, group.name);
    for (const name of (await readdir(folder)).sort()) if (name.endsWith('.wasm')) found.push(join(folder, name));
  }
  return found;
}

/** Runs one test; returns null when it passed, else why it failed. */
async function runTest(wasm: string, engine: string, store: string): Promise<string | null> {
  const { operations, proposals } = await loadOperations(wasm);
  if (proposals.length > 0) return `needs proposals ${proposals.join(', ')}`;
  const work = await mkdtemp(join(tmpdir(), 'wasmctl-conformance-'));
  try {
    let result: { exitCode?: number; stdout: string; stderr: string } | null = null;
    for (const op of operations) {
      if (op.type === 'run') {
        const args = ['--root', store, 'run', '--engine', engine, '--timeout', TEST_TIMEOUT];
        if (op.root !== null) {
          const root = join(work, basename(op.root));
          await cp(join(dirname(wasm), op.root), root, { recursive: true, verbatimSymlinks: true });
          args.push('-v', `${root}:/`);
        }
        for (const [name, value] of Object.entries(op.env)) args.push('-e', `${name}=${value}`);
        const module = join(work, basename(wasm));
        await cp(wasm, module);
        result = await execa(join(REPO, 'bin/wasmctl'), [...args, module, ...op.args], {
          reject: false,
          stdin: 'ignore',
          stripFinalNewline: false,
          env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
          extendEnv: false,
        });
      } else if (result === null) {
        return `${op.type} before run`;
      } else if (op.type === 'read') {
        const got = result[op.id];
        if (!got.startsWith(op.payload))
          return `${op.id} ${JSON.stringify(got.slice(0, 200))} does not start with ${JSON.stringify(op.payload)}`;
      } else if (result.exitCode !== op.exit_code) {
        return `exit code ${result.exitCode} (expected ${op.exit_code})${result.stderr ? `: ${result.stderr.trim().split('\n').slice(-1)[0]}` : ''}`;
      }
    }
    return null;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const take = (flag: string): string | undefined => {
    const at = argv.indexOf(flag);
    return at < 0 ? undefined : argv.splice(at, 2)[1];
  };
  const engine = take('--engine') ?? 'wasmctl';
  const filter = take('--filter');
  const suite = resolve(argv[0] ?? process.env.WASI_TESTSUITE ?? join(REPO, '..', 'shared', 'wasi-testsuite'));
  if (!existsSync(suite)) {
    console.error(`conformance: no suite at ${suite}; set WASI_TESTSUITE or pass its folder`);
    process.exit(2);
  }
  const tests = (await findTests(suite)).filter((t) => filter === undefined || t.includes(filter));
  const store = await mkdtemp(join(tmpdir(), 'wasmctl-conformance-store-'));
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tests.length) {
      const wasm = tests[next++] as string;
      const name = `${basename(dirname(wasm))}/${basename(wasm, '.wasm')}`;
      const why = await runTest(wasm, engine, store);
      if (why !== null) {
        failures.push(name);
        console.log(`FAIL ${name}: ${why}`);
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  await rm(store, { recursive: true, force: true });
  console.log(`${tests.length - failures.length} passed, ${failures.length} failed`);
  process.exitCode = failures.length === 0 ? 0 : 1;
}

await main();
