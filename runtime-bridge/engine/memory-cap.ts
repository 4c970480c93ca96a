/**
 * Caps what a module can allocate by rewriting its binary before compiling: every memory and
 * every table it defines or imports gets a declared maximum, so `memory.grow` and `table.grow`
 * fail past it (malloc returns NULL, table.grow -1) instead of taking the host's memory. V8
 * enforces declared maxima; neither Worker `resourceLimits` nor anything else limits Wasm memory.
 *
 * Tables count against the same cap as linear memory (25 tables of 10 M slots are 2 GB): their
 * slots at start come first, growable tables share a sixteenth of the cap (less if the memory's
 * own minimum needs it), and the memories get what is left, in whole pages.
 */
import { ExitCode, WasmctlError } from '../../common/index.js';
import { leb, malformed, Reader } from './wasm-reader.js';

export const WASM_PAGE = 65536;

const SECTION_IMPORT = 2;
const SECTION_TABLE = 4;
const SECTION_MEMORY = 5;
const IMPORT_FUNC = 0;
const IMPORT_TABLE = 1;
const IMPORT_MEMORY = 2;
const IMPORT_GLOBAL = 3;
const IMPORT_TAG = 4;
const LIMITS_HAS_MAX = 0x01;
const LIMITS_64 = 0x04;
const TABLE_WITH_INIT = 0x40;
const FUNCREF = 0x70;
const EXTERNREF = 0x6f;
/** What V8 spends per slot: a pointer for externref; for funcref also its dispatch entry (measured ~28). */
const SLOT_BYTES: Record<number, number> = { [FUNCREF]: 32, [EXTERNREF]: 8 };
/** The share of the cap that growable tables may grow into. */
const TABLE_GROWTH_SHARE = 1 / 16;

interface Limits {
  flags: number;
  min: number;
  max: number;
}

interface TableLimits extends Limits {
  slotBytes: number;
}

function readLimits(r: Reader, where: string, what: string): Limits {
  const flags = r.byte();
  if (flags & LIMITS_64) {
    throw new WasmctlError('Unimplemented', `${where} has a 64-bit ${what}, which wasmctl cannot cap`, { exitCode: ExitCode.NOT_RUNNABLE });
  }
  const min = r.u32();
  return { flags, min, max: flags & LIMITS_HAS_MAX ? r.u32() : Infinity };
}

function readTableType(r: Reader, where: string): TableLimits {
  const refType = r.byte();
  const slotBytes = SLOT_BYTES[refType];
  if (slotBytes === undefined) {
    throw new WasmctlError('Unimplemented', `${where} has a table of a typed reference, which wasmctl cannot cap`, {
      exitCode: ExitCode.NOT_RUNNABLE,
    });
  }
  return { ...readLimits(r, where, 'table'), slotBytes };
}

const encodeLimits = ({ flags, min }: Limits, max: number): number[] => [flags | LIMITS_HAS_MAX, ...leb(min), ...leb(max)];

/** One section's entries, each as its bytes and its limits (null: an import that is neither). */
type Entry = { kind: 'memory' | 'table' | 'other'; prefix: Uint8Array; limits: TableLimits | Limits | null };

function readImports(body: Uint8Array): Entry[] {
  const r = new Reader(body, 0);
  return Array.from({ length: r.u32() }, (): Entry => {
    const start = r.pos;
    r.skip(r.u32());
    r.skip(r.u32());
    const kind = r.byte();
    if (kind === IMPORT_MEMORY)
      return { kind: 'memory', prefix: body.subarray(start, r.pos), limits: readLimits(r, 'the imported memory', 'memory') };
    if (kind === IMPORT_TABLE) {
      const refTypeAt = r.pos;
      const limits = readTableType(r, 'the imported table');
      return { kind: 'table', prefix: body.subarray(start, refTypeAt + 1), limits };
    }
    if (kind === IMPORT_FUNC || kind === IMPORT_TAG) {
      if (kind === IMPORT_TAG) r.byte();
      r.u32();
    } else if (kind === IMPORT_GLOBAL) {
      r.skip(2);
    } else {
      throw malformed();
    }
    return { kind: 'other', prefix: body.subarray(start, r.pos), limits: null };
  });
}

function readTables(body: Uint8Array): Entry[] {
  const r = new Reader(body, 0);
  return Array.from({ length: r.u32() }, (): Entry => {
    if (body[r.pos] === TABLE_WITH_INIT) {
      throw new WasmctlError('Unimplemented', 'the module has a table with an initializer, which wasmctl cannot cap', {
        exitCode: ExitCode.NOT_RUNNABLE,
      });
    }
    const refTypeAt = r.pos;
    const limits = readTableType(r, 'the module');
    return { kind: 'table', prefix: body.subarray(refTypeAt, refTypeAt + 1), limits };
  });
}

function readMemories(body: Uint8Array): Entry[] {
  const r = new Reader(body, 0);
  return Array.from({ length: r.u32() }, (): Entry => ({
    kind: 'memory',
    prefix: new Uint8Array(),
    limits: readLimits(r, 'the module', 'memory'),
  }));
}

function formatBytes(bytes: number): string {
  return bytes >= 2 ** 20 ? `${Number((bytes / 2 ** 20).toFixed(2))} MiB` : `${Number((bytes / 1024).toFixed(2))} KiB`;
}

interface Plan {
  memoryPages: number;
  /** Maximum of each table, in the order they appear (imports first). */
  tableMax: number[];
}

/** Splits the cap between the tables and the memories; throws when what they need at start is over it. */
function plan(entries: Entry[], capBytes: number): Plan {
  const tables = entries.filter((e) => e.kind === 'table').map((e) => e.limits as TableLimits);
  const memoryMin = Math.max(0, ...entries.filter((e) => e.kind === 'memory').map((e) => (e.limits as Limits).min)) * WASM_PAGE;
  const tableMin = tables.reduce((sum, t) => sum + t.min * t.slotBytes, 0);
  if (memoryMin + tableMin > capBytes) {
    const needs = [memoryMin > 0 && `${formatBytes(memoryMin)} of linear memory`, tableMin > 0 && `${formatBytes(tableMin)} of tables`];
    throw new WasmctlError(
      'ResourceExhausted',
      `the module needs ${needs.filter(Boolean).join(' and ')} at start, above the --memory cap of ${formatBytes(capBytes)}`,
      { hint: 'raise --memory', exitCode: ExitCode.TOOL_FAILURE },
    );
  }
  const growth = Math.max(0, Math.min(capBytes * TABLE_GROWTH_SHARE, capBytes - memoryMin) - tableMin);
  const perTable = tables.length === 0 ? 0 : growth / tables.length;
  const tableMax = tables.map((t) => Math.min(t.max, t.min + Math.floor(perTable / t.slotBytes)));
  const tableBytes = tables.reduce((sum, t, i) => sum + (tableMax[i] as number) * t.slotBytes, 0);
  return { memoryPages: Math.floor((capBytes - tableBytes) / WASM_PAGE), tableMax };
}

function encode(id: number, entries: Entry[], limits: (e: Entry) => number[]): Uint8Array {
  const body = [...leb(entries.length), ...entries.flatMap((e) => [...e.prefix, ...limits(e)])];
  return Uint8Array.from([id, ...leb(body.length), ...body]);
}

/**
 * Returns the module with each memory's and table's maximum lowered so that together they stay
 * within `capBytes`. Throws when what the module declares for its start is already above the cap.
 */
export function capLinearMemory(bytes: Uint8Array, capBytes: number): Uint8Array {
  const r = new Reader(bytes, 8);
  const sections: Array<{ id: number; raw: Uint8Array; entries: Entry[] | null }> = [];
  while (r.pos < bytes.length) {
    const start = r.pos;
    const id = r.byte();
    const size = r.u32();
    const bodyStart = r.pos;
    r.skip(size);
    const body = bytes.subarray(bodyStart, r.pos);
    const read = id === SECTION_IMPORT ? readImports : id === SECTION_TABLE ? readTables : id === SECTION_MEMORY ? readMemories : null;
    sections.push({ id, raw: bytes.subarray(start, r.pos), entries: read ? read(body) : null });
  }
  const { memoryPages, tableMax } = plan(
    sections.flatMap((s) => s.entries ?? []),
    capBytes,
  );
  let table = 0;
  const limitsOf = (e: Entry): number[] => {
    if (e.kind === 'table') return encodeLimits(e.limits as Limits, tableMax[table++] as number);
    if (e.kind === 'memory') return encodeLimits(e.limits as Limits, Math.min((e.limits as Limits).max, memoryPages));
    return [];
  };
  return Buffer.concat([bytes.subarray(0, 8), ...sections.map((s) => (s.entries ? encode(s.id, s.entries, limitsOf) : s.raw))]);
}
