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
