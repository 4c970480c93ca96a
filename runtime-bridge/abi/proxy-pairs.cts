/**
 * proxy-wasm's header map wire format, as proxy-wasm-cpp-host's exportPairs/toMap: a u32 LE count,
 * then a (u32 key length, u32 value length) per pair, then each key and value NUL-terminated.
 */
import type { HeaderPairs } from './proxy-state.cjs';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodePairs(pairs: HeaderPairs): Uint8Array {
  const encoded = pairs.map(([k, v]) => [encoder.encode(k), encoder.encode(v)] as const);
  const size = 4 + encoded.reduce((sum, [k, v]) => sum + 8 + k.length + v.length + 2, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, encoded.length, true);
  let offset = 4;
  for (const [k, v] of encoded) {
    view.setUint32(offset, k.length, true);
    view.setUint32(offset + 4, v.length, true);
    offset += 8;
  }
  for (const [k, v] of encoded) {
    out.set(k, offset);
    offset += k.length + 1;
    out.set(v, offset);
    offset += v.length + 1;
  }
  return out;
}

export function decodePairs(bytes: Uint8Array): HeaderPairs {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = bytes.length >= 4 ? view.getUint32(0, true) : 0;
  let offset = 4 + count * 8;
  // The count comes from guest memory: it must fit before anything is read or allocated for it.
  if (offset > Math.max(bytes.length, 4)) throw new RangeError('truncated header map');
  const pairs: HeaderPairs = [];
  for (let i = 0; i < count; i++) {
    const kLen = view.getUint32(4 + i * 8, true);
    const vLen = view.getUint32(8 + i * 8, true);
    if (offset + kLen + vLen + 2 > bytes.length) throw new RangeError('truncated header map');
    const key = decoder.decode(bytes.subarray(offset, offset + kLen));
    offset += kLen + 1;
    const value = decoder.decode(bytes.subarray(offset, offset + vLen));
    offset += vLen + 1;
    pairs.push([key, value]);
  }
  return pairs;
}
