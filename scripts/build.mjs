// The `wasmctl` bin's bundle (issue 3's cold start): module loading, not running Wasm, was most
// of `wasmctl run`'s time. tsc still emits dist/** for the shim server and library users; this
// adds dist/bundle/:
//   wasmctl.js + chunk-*.js   the CLI, minified ESM; code splitting keeps what a command imports
//                             lazily (registry, archives, sidecar's grpc-js/ioredis) out of `run`
//   workers/<name>.cjs        each Worker entry as ONE self-contained CommonJS file
//   wasmctl.cjs               the whole CLI as one CommonJS file (cli/snapshot.ts), and
//   wasmctl.blob (+ .version: the node binary that built it) its V8 startup snapshot, built by and for the node running this
//                             build; bin/wasmctl starts from it when that node is the one on PATH,
//                             else runs wasmctl.js. Building it runs on `npm ci` (prepare), so each
//                             machine gets a snapshot for its own node binary.
//   wasmctl-run.cjs/.blob     the same for `run` alone (cli/snapshot-for-run.ts), which bin/wasmctl
//                             starts `run` from: a smaller snapshot deserializes faster.
//
// Worker entry convention: every file that is `require`d inside a Worker is listed in
// WORKER_ENTRIES, and the code that starts it names it with
// `workerFile(import.meta.url, './relative/path/without-extension')`
// (runtime-bridge/engine/worker-file.ts), which finds `workers/<basename>.cjs` in the bundle.
// Basenames must therefore be unique.
import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

const OUT = 'dist/bundle';
const WORKER_ENTRIES = [
  'runtime-bridge/engine/worker/main.cts',
  // The watchdog of a module on the main thread (`wasmctl run`): signals and --timeout.
  'runtime-bridge/engine/watchdog.cts',
  // The long-lived function instance of `wasmctl serve` (a child process's main): proxy-wasm or wasi:http.
  'runtime-bridge/engine/worker/instance-process.cts',
  // Host-import modules (`hostCalls.workerModule`), required by the worker above.
  'runtime-bridge/abi/layotto-imports.cts',
  // jco's transpiler, run at a WASI 0.2 component's first run.
  'runtime-bridge/engine/component/transpile-worker.cts',
];

const names = WORKER_ENTRIES.map((file) => basename(file, extname(file)));
const duplicate = names.find((name, i) => names.indexOf(name) !== i);
if (duplicate) throw new Error(`two worker entries are named ${duplicate}: workers/${duplicate}.cjs must be unique`);

// zod's namespaces (z.locales, z.core.locales) import its ~40 locales: 265 KB of the bundle, each
// evaluated at every start (and held by the snapshots). wasmctl's messages are English: in the
// bundles those namespaces hold `en` alone, the one locale zod itself configures.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](?:core|classic)[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '../locales/index.js'), namespace: 'zod-english-only' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  define: { WASMCTL_BUNDLED: 'true' },
  plugins: [zodEnglishOnly],
};

// The engine takes node:worker_threads at first use through createRequire (runtime-bridge/engine/
// run-module.ts), and node:module, like any builtin not verified for snapshots, makes the snapshot
// build warn: in wasmctl.cjs, `node:module` is a stand-in that loads the real one at first call.
const lazyNodeModule = {
  name: 'lazy-node-module',
  setup(b) {
    b.onResolve({ filter: /^node:module$/ }, (args) =>
      args.namespace === 'lazy-node-module'
        ? { path: 'node:module', external: true }
        : { path: 'node:module', namespace: 'lazy-node-module' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-node-module' }, () => ({
      contents: 'exports.createRequire = (...args) => require("node:module").createRequire(...args);',
      loader: 'js',
    }));
  },
};

// Chunk names carry content hashes: start empty so no stale chunk lingers.
rmSync(OUT, { recursive: true, force: true });
await Promise.all([
  build({
    ...common,
    entryPoints: { wasmctl: 'cli/main.ts' },
    outdir: OUT,
    format: 'esm',
    splitting: true,
    // Bundled CommonJS code (commander, grpc-js…) uses require and __dirname: give the ESM chunks them.
    banner: {
      js:
        "import{createRequire as __cr}from'node:module';import{fileURLToPath as __fu}from'node:url';" +
        'const require=__cr(import.meta.url),__filename=__fu(import.meta.url),__dirname=__fu(new URL(".",import.meta.url));',
    },
  }),
  build({
    ...common,
    entryPoints: Object.fromEntries(WORKER_ENTRIES.map((file, i) => [names[i], file])),
    outdir: `${OUT}/workers`,
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    // Only `--engine wasmer` loads it, from node_modules: 450 KB the default engine need not parse.
    // jco-transpile loads its own Wasm beside its files: it must stay in node_modules too.
    external: ['@wasmer/wasi', '@bytecodealliance/jco-transpile'],
  }),
  build({
    ...common,
    entryPoints: { wasmctl: 'cli/snapshot.ts', 'wasmctl-run': 'cli/snapshot-for-run.ts' },
    outdir: OUT,
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    // import.meta.url read when a module is evaluated, which for everything that uses it (the
    // engine, the client) is after deserialization: argv[1], the bundle bin/wasmctl names, and
    // not the folder the snapshot happened to be built in.
    define: { ...common.define, 'import.meta': '__wasmctl_import_meta' },
    plugins: [...common.plugins, lazyNodeModule],
    banner: { js: 'var __wasmctl_import_meta={get url(){return require("node:url").pathToFileURL(process.argv[1]).href}};' },
  }),
]);

// A snapshot that cannot be built only costs start-up time (bin/wasmctl falls back): warn, go on.
async function buildSnapshot(name) {
  const blob = `${OUT}/${name}.blob`;
  const snapshot = await new Promise((resolve) =>
    execFile(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', `${OUT}/${name}.cjs`], (err, _stdout, stderr) =>
      resolve({ status: err ? (err.code ?? 1) : 0, stderr }),
    ),
  );
  // Commander requires node:child_process at load; node warns that it is unverified in snapshots.
  // Spawning after deserialization (execa's credential helpers) works: spawn and spawnSync were
  // checked from a snapshot on Node 20.20. Any other warning means state we have not checked: no blob.
  const stderr = snapshot.stderr.replace(/^.*"node:child_process" works in user snapshot[^]*?--trace-warnings[^\n]*\n/m, '');
  if (snapshot.status === 0 && stderr.trim() === '') writeFileSync(`${blob}.version`, `${process.execPath}\n`);
  else {
    rmSync(blob, { force: true });
    process.stderr.write(`build: no startup snapshot ${name}.blob (wasmctl starts without one): ${stderr || `exit ${snapshot.status}`}\n`);
  }
}
await Promise.all([buildSnapshot('wasmctl'), buildSnapshot('wasmctl-run')]);
