/**
 * Caps a module's linear memory by rewriting its binary before compiling: every memory it
 * defines or imports gets a declared maximum of at most the cap, so `memory.grow` fails past it
 * (malloc returns NULL) instead of taking the host's memory. V8 enforces declared maxima; neither
 * Worker `resourceLimits` nor anything else limits Wasm memory.
 */
import { WasmctlError } from '../../common/index.js';

export const WASM_PAGE = 65536;

const SECTION_IMPORT = 2;
const SECTION_MEMORY = 5;
const IMPORT_FUNC = 0;
const IMPORT_TABLE = 1;
const IMPORT_MEMORY = 2;
const IMPORT_GLOBAL = 3;
const IMPORT_TAG = 4;
const LIMITS_HAS_MAX = 0x01;
const LIMITS_MEMORY64 = 0x04;

class Reader {
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

function malformed(): WasmctlError {
  return new WasmctlError('InvalidArgument', 'invalid Wasm module: malformed section', { exitCode: 126 });
}

function leb(value: number): number[] {
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

/** Reads one memory's limits and returns them re-encoded with the cap as maximum. */
function cappedLimits(r: Reader, capPages: number, where: string): number[] {
  const flags = r.byte();
  if (flags & LIMITS_MEMORY64) {
    throw new WasmctlError('Unimplemented', `${where} is a 64-bit memory, which wasmctl cannot cap`, { exitCode: 126 });
  }
  const min = r.u32();
  const max = flags & LIMITS_HAS_MAX ? r.u32() : Infinity;
  if (min > capPages) {
    throw new WasmctlError(
      'ResourceExhausted',
      `${where} needs ${formatPages(min)} of linear memory at start, above the --memory cap of ${formatPages(capPages)}`,
      { hint: 'raise --memory', exitCode: 125 },
    );
  }
  return [flags | LIMITS_HAS_MAX, ...leb(min), ...leb(Math.min(max, capPages))];
}

function formatPages(pages: number): string {
  const bytes = pages * WASM_PAGE;
  return bytes >= 2 ** 20 ? `${Number((bytes / 2 ** 20).toFixed(2))} MiB` : `${bytes / 1024} KiB`;
}

function patchImports(body: Uint8Array, capPages: number): number[] {
  const r = new Reader(body, 0);
  const count = r.u32();
  const out: number[] = leb(count);
  for (let i = 0; i < count; i++) {
    const start = r.pos;
    const nameStart = r.pos;
    r.skip(r.u32());
    r.skip(r.u32());
    const nameEnd = r.pos;
    const kind = r.byte();
    if (kind === IMPORT_MEMORY) {
      out.push(...body.subarray(nameStart, nameEnd), kind, ...cappedLimits(r, capPages, 'the imported memory'));
      continue;
    }
    if (kind === IMPORT_FUNC || kind === IMPORT_TAG) {
      if (kind === IMPORT_TAG) r.byte();
      r.u32();
    } else if (kind === IMPORT_TABLE) {
      r.byte();
      const flags = r.byte();
      r.u32();
      if (flags & LIMITS_HAS_MAX) r.u32();
    } else if (kind === IMPORT_GLOBAL) {
      r.skip(2);
    } else {
      throw malformed();
    }
    out.push(...body.subarray(start, r.pos));
  }
  return out;
}

function patchMemories(body: Uint8Array, capPages: number): number[] {
  const r = new Reader(body, 0);
  const count = r.u32();
  const out: number[] = leb(count);
  for (let i = 0; i < count; i++) out.push(...cappedLimits(r, capPages, 'the module'));
  return out;
}

/**
 * Returns the module with each memory's maximum lowered to `capBytes` (rounded down to whole
 * pages). Throws when a memory's declared minimum is already above the cap.
 */
export function capLinearMemory(bytes: Uint8Array, capBytes: number): Uint8Array {
  const capPages = Math.floor(capBytes / WASM_PAGE);
  const r = new Reader(bytes, 8);
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  while (r.pos < bytes.length) {
    const sectionStart = r.pos;
    const id = r.byte();
    const size = r.u32();
    const bodyStart = r.pos;
    r.skip(size);
    if (id !== SECTION_IMPORT && id !== SECTION_MEMORY) {
      parts.push(bytes.subarray(sectionStart, r.pos));
      continue;
    }
    const body = bytes.subarray(bodyStart, r.pos);
    const patched = id === SECTION_IMPORT ? patchImports(body, capPages) : patchMemories(body, capPages);
    parts.push(Uint8Array.from([id, ...leb(patched.length), ...patched]));
  }
  return Buffer.concat(parts);
}
