/**
 * proxy-wasm's header map codec (the bytes proxy_get_header_map_pairs hands a module and
 * proxy_set_header_map_pairs / proxy_send_local_response take from it), and the host function
 * table the imports are built from.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodePairs, encodePairs } from '../../../runtime-bridge/abi/proxy-pairs.cjs';
import { ProxyState } from '../../../runtime-bridge/abi/proxy-state.cjs';
import { PROXY_HOST_FUNCTIONS, proxyWasmImports } from '../../../runtime-bridge/abi/proxy-wasm-imports.cjs';

/** The layout as proxy-wasm-cpp-host writes it, built by hand. */
function reference(pairs: Array<[string, string]>): Buffer {
  const sizes = pairs.flatMap(([k, v]) => [Buffer.byteLength(k), Buffer.byteLength(v)]);
  const head = Buffer.alloc(4 + 4 * sizes.length);
  head.writeUInt32LE(pairs.length, 0);
  sizes.forEach((size, i) => head.writeUInt32LE(size, 4 + 4 * i));
  return Buffer.concat([head, ...pairs.flatMap(([k, v]) => [Buffer.from(`${k}\0`), Buffer.from(`${v}\0`)])]);
}

test('encodes as proxy-wasm-cpp-host does: count, (key, value) lengths, then each NUL-terminated', () => {
  const pairs: Array<[string, string]> = [
    [':path', '/?name=book1'],
    ['set-cookie', 'a=1'],
    ['set-cookie', 'b=2'],
    ['x-empty', ''],
    ['x-utf8', 'héllo ✓'],
  ];
  assert.deepEqual(Buffer.from(encodePairs(pairs)), reference(pairs));
  assert.deepEqual(decodePairs(encodePairs(pairs)), pairs, 'repeated names, empty values and UTF-8 round-trip in order');
});

test('an empty map is its count alone; no bytes at all decode to no pairs', () => {
  assert.deepEqual(Buffer.from(encodePairs([])), Buffer.alloc(4));
  assert.deepEqual(decodePairs(new Uint8Array(4)), []);
  assert.deepEqual(decodePairs(new Uint8Array(0)), []);
});

test('decodes from a view into guest memory (a non-zero byte offset)', () => {
  const encoded = encodePairs([['id', 'id_1']]);
  const memory = new Uint8Array(64);
  memory.set(encoded, 13);
  assert.deepEqual(decodePairs(memory.subarray(13, 13 + encoded.length)), [['id', 'id_1']]);
});

test('a map that says more than it holds is refused, a hostile count before anything is read for it', () => {
  const encoded = encodePairs([
    ['a', '1'],
    ['b', '2'],
  ]);
  assert.throws(() => decodePairs(encoded.subarray(0, encoded.length - 1)), /truncated header map/);
  const lying = new Uint8Array(12);
  new DataView(lying.buffer).setUint32(0, 0xffffffff, true);
  assert.throws(() => decodePairs(lying), /truncated header map/);
});

test('the imports are exactly the host function table', () => {
  const imports = proxyWasmImports(new ProxyState(() => undefined), null as never);
  assert.deepEqual(Object.keys(imports).sort(), [...PROXY_HOST_FUNCTIONS].sort());
  assert.equal(new Set(PROXY_HOST_FUNCTIONS).size, PROXY_HOST_FUNCTIONS.length, 'no name twice');
});
