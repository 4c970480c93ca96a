// capLinearMemory rewrites the binary so V8 itself enforces the cap, for defined and imported memories and tables.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { before, test } from 'node:test';
import { buildModules, modulePath } from '../../modules/harness.js';
import { capLinearMemory, WASM_PAGE } from '../../../runtime-bridge/engine/memory-cap.js';
import { WasmctlError } from '../../../common/index.js';

before(() => buildModules());

test('a defined memory gets the cap, less its tables, as its maximum: growing past it fails', async () => {
  const capped = capLinearMemory(fs.readFileSync(modulePath('memhog')), 4 * WASM_PAGE * 16);
  const instance = new WebAssembly.Instance(await WebAssembly.compile(capped), {
    wasi_snapshot_preview1: new Proxy({}, { get: () => () => 0 }),
  });
  const memory = instance.exports.memory as WebAssembly.Memory;
  const pages = memory.buffer.byteLength / WASM_PAGE;
  // Its funcref table (fixed size) takes a few hundred bytes of the cap: the last page is theirs.
  assert.equal(memory.grow(63 - pages), pages);
  assert.throws(() => memory.grow(1), RangeError);
});

test('tables count against the cap: 25 tables of 10 M slots are refused at start, naming --memory', () => {
  assert.throws(
    () => capLinearMemory(fs.readFileSync(modulePath('table-hog')), 2 ** 20),
    (err: unknown) =>
      err instanceof WasmctlError &&
      err.exitCode === 125 &&
      err.message === 'the module needs 64 KiB of linear memory and 1907.35 MiB of tables at start, above the --memory cap of 1 MiB',
  );
});

test('growable tables share a sixteenth of the cap: table.grow returns -1 past it', async () => {
  let exitCode: number | undefined;
  const run = async (cap: number) => {
    const module = await WebAssembly.compile(capLinearMemory(fs.readFileSync(modulePath('table-grow')), cap));
    const exit = (code: number) => {
      exitCode = code;
      throw new Error('exit');
    };
    const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: { proc_exit: exit } });
    assert.throws(() => (instance.exports._start as () => void)(), /exit/);
    return exitCode;
  };
  // Exit code 1 + the thousands of slots both got: under 1 MiB the funcref table stops at 1,000
  // (its 32 KiB half of the 64 KiB growth share at 32 B a slot), so the externref one grew 1,000.
  assert.equal(await run(2 ** 20), 3);
  assert.equal(await run(16 * 2 ** 20), 33);
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
