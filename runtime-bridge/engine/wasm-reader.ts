/** Reading and writing the few pieces of the Wasm binary format that memory-cap.ts rewrites. */
import { ExitCode, WasmctlError } from '../../common/index.js';

export function malformed(): WasmctlError {
  return new WasmctlError('InvalidArgument', 'invalid Wasm module: malformed section', { exitCode: ExitCode.NOT_RUNNABLE });
}

export class Reader {
  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
  ) {}

  byte(): number {
    const b = this.bytes[this.pos++];
    if (b === undefined) throw malformed();
    return b;
  }

  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
      if (shift > 35) throw malformed();
    }
  }

  skip(n: number): void {
    this.pos += n;
    if (this.pos > this.bytes.length) throw malformed();
  }
}

/** Unsigned LEB128. */
export function leb(value: number): number[] {
  const out: number[] = [];
  let v = value;
  do {
    let b = v % 128;
    v = Math.floor(v / 128);
    if (v > 0) b |= 0x80;
    out.push(b);
  } while (v > 0);
  return out;
}
