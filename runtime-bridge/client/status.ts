import { WasmctlError, type ErrorKind } from '../../common/index.js';

/** gRPC status code → our error kind; codes with no kind of their own read as Internal. */
const KINDS: Record<number, ErrorKind> = {
  3: 'InvalidArgument',
  4: 'DeadlineExceeded',
  5: 'NotFound',
  6: 'AlreadyExists',
  7: 'PermissionDenied',
  8: 'ResourceExhausted',
  9: 'FailedPrecondition',
  10: 'Aborted',
  12: 'Unimplemented',
  14: 'Unavailable',
  15: 'DataLoss',
  16: 'PermissionDenied',
};

export function errorFromStatus(method: string, code: number, message: string): WasmctlError {
  return new WasmctlError(KINDS[code] ?? 'Internal', `${method}: ${message || `gRPC status ${code}`}`);
}
