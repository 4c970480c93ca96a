/**
 * Transpiles one component with jco, in a Worker of its own: jco-transpile is an ES module that
 * loads its own Wasm with dynamic imports, which the CLI's startup snapshot cannot perform. A
 * component's first run only; later runs read the cache.
 */
import { parentPort } from 'node:worker_threads';

export interface TranspileReply {
  files?: Record<string, Uint8Array>;
  /** Interfaces imported, with their versions where the component gives one (`wasi:keyvalue/store@0.2.0-draft2`). */
  imports?: string[];
  /** Interfaces exported, likewise (`wasi:http/incoming-handler@0.2.12`). */
  exports?: string[];
  error?: string;
}

/** `import wasi:io/streams@0.2.12;` lines of the component's world as wasm-tools prints it. */
const named = (wit: string, kind: 'import' | 'export') =>
  [...wit.matchAll(new RegExp(`^\\s*${kind} ([a-z0-9-]+:[a-z0-9-]+/[a-z0-9-]+(?:@[^;\\s]+)?);`, 'gm'))].map((m) => m[1] as string);
const unversioned = (name: string) => name.replace(/@[^@/]*$/, '');

const port = parentPort as NonNullable<typeof parentPort>;

port.once('message', (bytes: Uint8Array) => {
  const work = async (): Promise<TranspileReply> => {
    const { transpileBytes } = await import('@bytecodealliance/jco-transpile');
    const { componentWit } = await import('@bytecodealliance/jco-transpile/wasm-tools');
    const result = await transpileBytes(bytes, {
      name: 'component',
      instantiation: 'sync',
      emitTypescriptDeclarations: false,
      minify: true,
    });
    // jco names imports without versions; the drafts of an interface differ in shape, so keep them.
    const wit = await componentWit(bytes);
    const versioned = named(wit, 'import');
    const imports = result.imports.map((name) => versioned.find((v) => unversioned(v) === name) ?? name);
    return { files: result.files, imports, exports: named(wit, 'export') };
  };
  work().then(
    (reply) => port.postMessage(reply),
    (err: unknown) => port.postMessage({ error: err instanceof Error ? err.message : String(err) } satisfies TranspileReply),
  );
});
