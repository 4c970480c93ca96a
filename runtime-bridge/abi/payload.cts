/**
 * The host-call payload between the Wasm worker and the main thread: a list of byte strings, each
 * u32 LE length-prefixed. Small and copy-cheap; both sides share this one codec.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeParts(parts: Array<Uint8Array | string>): Uint8Array {
  const bytes = parts.map((part) => (typeof part === 'string' ? encoder.encode(part) : part));
  const out = new Uint8Array(bytes.reduce((sum, b) => sum + 4 + b.length, 0));
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const b of bytes) {
    view.setUint32(offset, b.length, true);
    out.set(b, offset + 4);
    offset += 4 + b.length;
  }
  return out;
}

export function decodeParts(payload: Uint8Array): Uint8Array[] {
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const parts: Uint8Array[] = [];
  let offset = 0;
  while (offset + 4 <= payload.length) {
    const len = view.getUint32(offset, true);
    if (offset + 4 + len > payload.length) throw new RangeError('truncated host-call payload');
    parts.push(payload.subarray(offset + 4, offset + 4 + len));
    offset += 4 + len;
  }
  return parts;
}

export const partText = (part: Uint8Array | undefined): string => decoder.decode(part ?? new Uint8Array());
