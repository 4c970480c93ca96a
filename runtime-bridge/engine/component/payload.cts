/** What the main thread hands a module's worker to run a component instead of a core module. */
export interface ComponentPayload {
  /** The transpiled glue: an ES module file exporting jco's `instantiate(getCoreModule, imports)`. */
  glue: string;
  /** The component's core modules, compiled (and memory-capped), by the file name the glue asks for. */
  modules: Record<string, WebAssembly.Module>;
  /** Interfaces the component imports (`wasi:io/streams@0.2.12`; unversioned when it gives no version). */
  imports: string[];
  /** Interfaces it exports (`wasi:http/incoming-handler@0.2.12`). */
  exports: string[];
}

/**
 * The same before compiling, for a process of its own (serve's instances): a compiled module
 * cannot cross a process boundary, and its bytes (~14 MB for a componentize-js guest) cost more
 * to send than to read, so each process reads its files and compiles them.
 */
export interface ComponentSource extends Omit<ComponentPayload, 'modules'> {
  /** Each core module's file in the transpile cache, memory-capped where a cap was asked for. */
  modules: Record<string, string>;
}
