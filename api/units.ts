/**
 * Sizes and durations as people write them (`64m`, `1g`, `65536`; `90s`, `1m30s`, `500ms`), for
 * the CLI's flags and the library's options alike. `label` names the flag or option in errors.
 */
import { WasmctlError } from '../common/index.js';

const WASM_PAGE = 65536;

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|h|m|s))+$/;

/** Milliseconds of `500ms`, `90s`, `1m30s`, `1.5h`; a bare number is seconds, as in `timeout(1)`. */
export function parseDuration(value: string | number, label: string): number {
  const text = String(value).trim();
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (/^\d+(?:\.\d+)?$/.test(text)) ms = Number(text) * 1000;
  else if (DURATION.test(text)) {
    ms = 0;
    for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) ms += Number(n) * (DURATION_UNITS[unit as string] ?? 0);
  } else {
    throw new WasmctlError('InvalidArgument', `${label} ${text}: not a duration`, { hint: 'use e.g. 500ms, 90s, 1m30s' });
  }
  if (!Number.isFinite(ms) || Math.round(ms) <= 0) throw new WasmctlError('InvalidArgument', `${label} ${text} must be longer than 0ms`);
  return Math.round(ms);
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** Bytes of docker's `--memory` syntax (`64m`, `1.5g`, `512k`, `64MiB`, bytes when bare), checked against Wasm's page. */
export function parseMemory(value: string | number, label: string): number {
  const text = String(value).trim();
  const match = /^(\d+(?:\.\d+)?)(?:([bkmg])(?:i?b)?)?$/i.exec(text);
  if (!match) throw new WasmctlError('InvalidArgument', `${label} ${text}: not a size`, { hint: 'use e.g. 64m, 1g, 65536' });
  const bytes = Math.floor(Number(match[1]) * (SIZE_UNITS[(match[2] ?? '').toLowerCase()] ?? 1));
  if (bytes < WASM_PAGE) throw new WasmctlError('InvalidArgument', `${label} ${text} is below one 64 KiB Wasm page`);
  return bytes;
}
