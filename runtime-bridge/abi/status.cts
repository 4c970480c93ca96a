/** proxy-wasm's WasmResult codes, as Layotto's host functions answer them. */
export const AbiStatus = {
  Ok: 0,
  NotFound: 1,
  BadArgument: 2,
  InvalidMemoryAccess: 6,
  Empty: 7,
  CasMismatch: 8,
  InternalFailure: 10,
  Unimplemented: 12,
} as const;
export type AbiStatus = (typeof AbiStatus)[keyof typeof AbiStatus];
