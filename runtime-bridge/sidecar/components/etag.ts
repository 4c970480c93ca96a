/**
 * Optimistic concurrency exactly as Layotto's state stores (Dapr components-contrib v1.5.2's redis
 * store) apply it, so that one rule serves the in-memory and the redis store alike:
 * - a write asks for version 0 when it has no etag, an empty one, or LAST_WRITE; otherwise for its
 *   etag as an integer (anything else is `invalid etag value`, before the key is even looked at);
 * - it happens when the key has no version yet (new, or a plain string), the versions match, or it
 *   asks for 0 and the key was never written with FIRST_WRITE (which marks it);
 * - a delete asks for its etag as given, none counting as "0", and happens when the key has no
 *   version, the versions match, or it asks for "0".
 */
import { WasmctlError } from '../../../common/index.js';
import type { StateOperation } from '../../client/api.js';

/** What a store keeps beside the value; `version` is null when there is none to check. */
export interface StoredVersion {
  version: string | null;
  firstWrite: boolean;
}

const INTEGER = /^[+-]?\d+$/;

/** The version a write asks for, as the store compares it (a decimal string). */
export function requestedVersion(operation: StateOperation): string {
  const { op, etag, concurrency } = operation;
  if (op === 'delete') return etag || '0';
  if (!etag || concurrency === 'last-write') return '0';
  const version = INTEGER.test(etag) ? Number(etag) : Number.NaN;
  if (!Number.isSafeInteger(version)) {
    // Go's strconv.Atoi wording, as Layotto's message carries it.
    throw new WasmctlError('InvalidArgument', `invalid etag value: strconv.Atoi: parsing ${JSON.stringify(etag)}: invalid syntax`);
  }
  return String(version);
}

export function mayApply(operation: StateOperation, requested: string, stored: StoredVersion): boolean {
  const { version, firstWrite } = stored;
  if (version === null || version === '' || version === requested) return true;
  return requested === '0' && (operation.op === 'delete' || !firstWrite);
}

/** The cause Layotto reports for a write that lost the race (its store's own words). */
export function etagMismatch(operation: StateOperation): WasmctlError {
  const what = operation.op === 'delete' ? `failed to delete ${operation.key}` : `failed to set key ${operation.key}`;
  return new WasmctlError('Aborted', `possible etag mismatch. error from state store: ${what}`);
}
