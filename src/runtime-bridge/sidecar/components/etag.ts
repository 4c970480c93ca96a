import { WasmctlError } from '../../../common/index.js';
import type { StateOperation } from '../../client/api.js';

export function etagMismatch(key: string): WasmctlError {
  return new WasmctlError('FailedPrecondition', `etag mismatch for key "${key}": it changed since it was read`, {
    hint: 'read it again and retry with the new etag',
  });
}

/**
 * Optimistic concurrency as Layotto (after Dapr) defines it: an etag must match the stored one;
 * first-write without an etag only creates. `current` is the stored etag, null when absent.
 */
export function checkWrite(operation: StateOperation, current: string | null): void {
  if (operation.etag) {
    if (current !== operation.etag) throw etagMismatch(operation.key);
  } else if (operation.op === 'upsert' && operation.concurrency === 'first-write' && current !== null) {
    throw etagMismatch(operation.key);
  }
}
