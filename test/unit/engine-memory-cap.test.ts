// capLinearMemory rewrites the binary so V8 itself enforces the cap, for defined and imported memories.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { before, test } from 'node:test';
import { buildModules, modulePath } from '../modules/harness.js';
import { capLinearMemory, WASM_PAGE } from '../../src/runtime-bridge/engine/memory-cap.js';
import { WasmctlError } from '../../src/common/index.js';

before(() => buildModules());

test('a defined memory gets the cap as its maximum: growing past it fails', async () => {
  const capped = capLinearMemory(fs.readFileSync(modulePath('memhog')), 4 * WASM_PAGE * 16);
  const instance = new WebAssembly.Instance(await WebAssembly.compile(capped), {
    wasi_snapshot_preview1: new Proxy({}, { get: () => () => 0 }),
  });
  const memory = instance.exports.memory as WebAssembly.Memory;
  const pages = memory.buffer.byteLength / WASM_PAGE;
  assert.equal(memory.grow(64 - pages), pages);
  assert.throws(() => memory.grow(1), RangeError);
});

test('an imported memory is capped too: a bigger host memory no longer links', async () => {
  const module = await WebAssembly.compile(capLinearMemory(fs.readFileSync(modulePath('imported-memory')), 2 * WASM_PAGE));
  const link = (maximum: number) => new WebAssembly.Instance(module, { env: { memory: new WebAssembly.Memory({ initial: 1, maximum }) } });
  assert.ok(link(2));
  assert.throws(() => link(100), WebAssembly.LinkError);
});

test('a cap below the declared minimum is refused, saying by how much', () => {
  assert.throws(
    () => capLinearMemory(fs.readFileSync(modulePath('big-memory')), 4 * 2 ** 20),
    (err: unknown) =>
      err instanceof WasmctlError &&
      err.exitCode === 125 &&
      err.message === 'the module needs 6.25 MiB of linear memory at start, above the --memory cap of 4 MiB',
  );
});

test('a truncated module is reported as malformed, exit 126', () => {
  const bytes = fs.readFileSync(modulePath('hello'));
  assert.throws(
    () => capLinearMemory(bytes.subarray(0, 40), 2 ** 20),
    (err: unknown) => err instanceof WasmctlError && err.exitCode === 126 && err.message === 'invalid Wasm module: malformed section',
  );
});
