/**
 * Links a transpiled component's glue against a host (an object of interfaces, keyed as jco asks
 * for them) and hands back its exports: shared by the command runner and the HTTP instance.
 */
import { createRequire } from 'node:module';
import type { ComponentPayload } from './payload.cjs';

interface Glue {
  instantiate(getCoreModule: (name: string) => WebAssembly.Module, imports: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Synchronous, so that an instance process (serve's, a blocking read loop with no event loop to
 * await in) links as a worker does: the glue is an ES module without imports or top-level await,
 * which require() loads (node >= 20.19).
 */
export function linkComponent(component: ComponentPayload, imports: Record<string, unknown>): Record<string, unknown> {
  // A require of our own: tsx's hook (the tests, from source) breaks the global one's ES loading.
  const glue = createRequire(__filename)(component.glue) as Glue;
  return glue.instantiate((name) => {
    const module = component.modules[name];
    if (!module) throw new Error(`the transpiled component has no core module ${name}`);
    return module;
  }, imports);
}

/** The export of a versioned interface (`wasi:cli/run@0.2.3`), whatever its version. */
export function exportOf<T>(exports: Record<string, unknown>, unversioned: string): T | undefined {
  const name = Object.keys(exports).find((key) => key.startsWith(`${unversioned}@`));
  return name === undefined ? undefined : (exports[name] as T);
}

/**
 * jco's glue rewrites a trap's message into wasmtime's words; V8's own is put back so that traps
 * are named exactly as a core module's are (worker/traps.cts reads V8's messages).
 */
const V8_TRAP_MESSAGES: Record<string, string> = {
  'wasm trap: wasm `unreachable` instruction executed': 'unreachable',
  'wasm trap: out of bounds memory access': 'memory access out of bounds',
  'wasm trap: integer divide by zero': 'divide by zero',
  'wasm trap: integer overflow': 'divide result unrepresentable',
  'wasm trap: invalid conversion to integer': 'float unrepresentable in integer range',
  'wasm trap: undefined element: out of bounds table access': 'table index is out of bounds',
  'wasm trap: indirect call type mismatch': 'function signature mismatch',
};

export function asV8Trap(err: unknown): unknown {
  if (err instanceof WebAssembly.RuntimeError) err.message = V8_TRAP_MESSAGES[err.message] ?? err.message;
  return err;
}
