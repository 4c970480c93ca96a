/**
 * The host-call payload between the Wasm worker and the main thread: a list of byte strings, each
 * u32 LE length-prefixed. Small and copy-cheap; both sides share this one codec.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function writeLength(out: Uint8Array, offset: number, len: number): void {
  out[offset] = len;
  out[offset + 1] = len >>> 8;
  out[offset + 2] = len >>> 16;
  out[offset + 3] = len >>> 24;
}

export function encodeParts(parts: Array<Uint8Array | string>): Uint8Array {
  const bytes = parts.map((part) => (typeof part === 'string' ? encoder.encode(part) : part));
  const out = new Uint8Array(bytes.reduce((sum, b) => sum + 4 + b.length, 0));
  let offset = 0;
  for (const b of bytes) {
    writeLength(out, offset, b.length);
    out.set(b, offset + 4);
    offset += 4 + b.length;
  }
  return out;
}

/**
 * The payload of the guest's first `count` byte strings, (ptr, len) pairs at the start of `spans`
 * into `memory`, then `texts`, copied straight from guest memory: it runs on every host call, and
 * a view per string costs more than copying a short one byte by byte. RangeError for a string
 * outside the memory.
 */
export function encodeGuestParts(memory: Uint8Array, spans: number[], count: number, texts: string[]): Uint8Array {
  const extra = texts.length === 0 ? [] : texts.map((t) => encoder.encode(t));
  let size = 0;
  for (let i = 1; i < 2 * count; i += 2) size += 4 + (spans[i] as number);
  for (const b of extra) size += 4 + b.length;
  const out = new Uint8Array(size);
  let offset = 0;
  for (let i = 0; i < 2 * count; i += 2) {
    const ptr = spans[i] as number;
    const len = spans[i + 1] as number;
    if (ptr < 0 || len < 0 || ptr + len > memory.length) throw new RangeError('pointer out of bounds');
    writeLength(out, offset, len);
    offset += 4;
    if (len > SHORT_TEXT) out.set(memory.subarray(ptr, ptr + len), offset);
    else for (let at = 0; at < len; at++) out[offset + at] = memory[ptr + at] as number;
    offset += len;
  }
  for (const b of extra) {
    writeLength(out, offset, b.length);
    out.set(b, offset + 4);
    offset += 4 + b.length;
  }
  return out;
}

/**
 * A payload's parts, found without copying or viewing them: a host call reads each short text
 * straight from the payload, which is much cheaper than a typed-array view per part.
 */
export class Parts {
  /** Each part's start and end in the payload, in pairs. */
  private readonly spans: number[] = [];

  constructor(private readonly payload: Uint8Array) {
    let offset = 0;
    while (offset + 4 <= payload.length) {
      const len =
        ((payload[offset] as number) |
          ((payload[offset + 1] as number) << 8) |
          ((payload[offset + 2] as number) << 16) |
          ((payload[offset + 3] as number) << 24)) >>>
        0;
      if (offset + 4 + len > payload.length) throw new RangeError('truncated host-call payload');
      this.spans.push(offset + 4, offset + 4 + len);
      offset += 4 + len;
    }
  }

  get length(): number {
    return this.spans.length / 2;
  }

  /** Part `i` as bytes (a view onto the payload), or undefined past the last. */
  bytes(i: number): Uint8Array | undefined {
    return i < this.length ? this.payload.subarray(this.spans[2 * i], this.spans[2 * i + 1]) : undefined;
  }

  /** Part `i` as UTF-8 text; empty past the last. Names and keys are short ASCII: built here, no decoder. */
  text(i: number): string {
    if (i >= this.length) return '';
    const start = this.spans[2 * i] as number;
    const end = this.spans[2 * i + 1] as number;
    if (end - start > SHORT_TEXT) return decoder.decode(this.payload.subarray(start, end));
    let text = '';
    for (let at = start; at < end; at++) {
      const byte = this.payload[at] as number;
      if (byte >= 0x80) return decoder.decode(this.payload.subarray(start, end));
      text += String.fromCharCode(byte);
    }
    return text;
  }
}

const SHORT_TEXT = 32;

export function decodeParts(payload: Uint8Array): Uint8Array[] {
  const parts = new Parts(payload);
  return Array.from({ length: parts.length }, (_, i) => parts.bytes(i) as Uint8Array);
}
