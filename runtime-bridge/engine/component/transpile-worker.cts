/**
 * Transpiles one component with jco, in a Worker of its own: jco-transpile is an ES module that
 * loads its own Wasm with dynamic imports, which the CLI's startup snapshot cannot perform. A
 * component's first run only; later runs read the cache.
 */
import { parentPort } from 'node:worker_threads';

export interface TranspileReply {
  files?: Record<string, Uint8Array>;
  imports?: string[];
  error?: string;
}

const port = parentPort as NonNullable<typeof parentPort>;

port.once('message', (bytes: Uint8Array) => {
  const work = async (): Promise<TranspileReply> => {
    const { transpileBytes } = await import('@bytecodealliance/jco-transpile');
    const result = await transpileBytes(bytes, { name: 'component', instantiation: 'sync', emitTypescriptDeclarations: false, minify: true });
    return { files: result.files, imports: result.imports };
  };
  work().then(
    (reply) => port.postMessage(reply),
    (err: unknown) => port.postMessage({ error: err instanceof Error ? err.message : String(err) } satisfies TranspileReply),
  );
});
