/** Turns V8's trap errors into one line naming the trap the way Wasm runtimes do. */

const TRAP_NAMES: Array<[RegExp, string]> = [
  [/^unreachable/, 'unreachable'],
  [/memory access out of bounds/, 'out of bounds memory access'],
  [/divide by zero|remainder by zero/, 'integer divide by zero'],
  [/float unrepresentable in integer range/, 'invalid conversion to integer'],
  [/integer overflow/, 'integer overflow'],
  [/table index is out of bounds/, 'undefined element: table index out of bounds'],
  [/signature mismatch|null function/, 'indirect call type mismatch'],
  [/Maximum call stack size exceeded/, 'call stack exhausted'],
];

/** True for errors that mean the module itself trapped (not a host failure). */
export function isTrap(err: unknown): err is Error {
  return err instanceof WebAssembly.RuntimeError || (err instanceof RangeError && /Maximum call stack size exceeded/.test(err.message));
}

/** `wasm trap: unreachable in crash_here` — the function is the innermost named Wasm frame. */
export function describeTrap(err: Error): string {
  const name = TRAP_NAMES.find(([re]) => re.test(err.message))?.[1] ?? err.message.toLowerCase();
  const frame = /^\s*at (\S+) \(wasm:\/\//m.exec(err.stack ?? '');
  return frame ? `wasm trap: ${name} in ${frame[1]}` : `wasm trap: ${name}`;
}
