/**
 * Import boundaries (issue 13): a component is a top-level folder, and other components reach it
 * only through its index.ts. The exceptions are the CLI's start-up snapshot's: it must hold the
 * code `run` and `build` execute already evaluated, and a component's index would pull in what
 * they never use (grpc-js, the registry code, node:worker_threads at load).
 */
const COMPONENTS = '(api|cli|common|image|runtime-bridge|serve|shim)';

module.exports = {
  forbidden: [
    {
      name: 'component-through-index',
      severity: 'error',
      comment: 'Import another component through its index.ts (or add a justified exception here).',
      from: { path: `^${COMPONENTS}/` },
      to: {
        // `import type` leaves nothing at run time: the worker's CommonJS files take types so.
        dependencyTypesNot: ['type-only'],
        path: `^${COMPONENTS}/`,
        pathNot: [
          // Inside one's own component anything goes.
          '^$1/',
          `^${COMPONENTS}/index\\.ts$`,
          // The snapshot's run path (cli/snapshot-run.ts, api/run.ts): the engine without runtime-bridge's
          // index, which loads the sidecar's gRPC stack.
          '^runtime-bridge/engine/(run-module|inline-run|entry|hard-exit|component/http/outgoing-host|component/messaging-host)\\.ts$',
          // CommonJS worker code cannot load an ESM index: the constants it shares are a .cts module.
          '^common/exit-codes\\.cts$',
          '^runtime-bridge/(connect|abi/host-calls)\\.ts$',
          '^runtime-bridge/types\\.ts$',
          // runtime-bridge's two parts that load grpc-js/protobufjs have their own surfaces, so that
          // what imports the engine does not load them: the sidecar and its client.
          '^runtime-bridge/(sidecar|client)/index\\.ts$',
          // The snapshot's build path (cli/snapshot-build.ts): build's own sub-index, evaluated.
          '^image/build/index\\.ts$',
          // cli/commands/sidecar.ts: the default address, without loading grpc-js.
          '^runtime-bridge/sidecar/defaults\\.ts$',
          // The CLI reaches the library API's helpers (units, store root, run) that api/index.ts
          // keeps out of its public surface.
          '^api/(units|store-root|run)\\.ts$',
        ],
      },
    },
    {
      name: 'no-circular-components',
      severity: 'error',
      comment: 'Components form a DAG.',
      from: { path: `^${COMPONENTS}/` },
      to: { circular: true, pathNot: '^$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|node_modules|test|bench|scripts)/' },
  },
};
