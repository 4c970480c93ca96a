/**
 * Errors as values with a kind, after containerd's errdefs: one place maps a kind to the CLI's
 * exit code, a gRPC status code (sidecar) and a ttrpc status (shim).
 */
import { ExitCode } from './exit-codes.cjs';

export type ErrorKind =
  | 'InvalidArgument'
  | 'NotFound'
  | 'AlreadyExists'
  | 'FailedPrecondition'
  /** A concurrent change won (an etag mismatch): retry after reading again. */
  | 'Aborted'
  | 'Unavailable'
  | 'DataLoss'
  | 'ResourceExhausted'
  | 'PermissionDenied'
  | 'DeadlineExceeded'
  | 'Unimplemented'
  | 'Internal';

export interface ErrorOptions {
  /** What the user can do next; printed after the message. */
  hint?: string;
  /** Overrides the kind's exit code (docker's 126/127 for entry problems, say). */
  exitCode?: number;
  cause?: unknown;
}

export class WasmctlError extends Error {
  readonly kind: ErrorKind;
  readonly hint: string | undefined;
  readonly exitCode: number | undefined;

  constructor(kind: ErrorKind, message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WasmctlError';
    this.kind = kind;
    this.hint = options.hint;
    this.exitCode = options.exitCode;
  }
}

export const isWasmctlError = (err: unknown): err is WasmctlError => err instanceof WasmctlError;

export const hasKind = (err: unknown, kind: ErrorKind): boolean => isWasmctlError(err) && err.kind === kind;

/** docker's convention: 125 when the tool itself fails (image, options, daemon). */
export const TOOL_FAILURE_EXIT = ExitCode.TOOL_FAILURE;

export function exitCodeOf(err: unknown): number {
  if (isWasmctlError(err) && err.exitCode !== undefined) return err.exitCode;
  return TOOL_FAILURE_EXIT;
}

const GRPC_CODES: Record<ErrorKind, number> = {
  InvalidArgument: 3,
  DeadlineExceeded: 4,
  NotFound: 5,
  AlreadyExists: 6,
  PermissionDenied: 7,
  ResourceExhausted: 8,
  FailedPrecondition: 9,
  Aborted: 10,
  Unimplemented: 12,
  Internal: 13,
  Unavailable: 14,
  DataLoss: 15,
};

/** gRPC status code, shared by the sidecar (gRPC) and the shim (ttrpc uses the same codes). */
export function grpcCodeOf(err: unknown): number {
  return isWasmctlError(err) ? GRPC_CODES[err.kind] : GRPC_CODES.Internal;
}

const KINDS_BY_CODE = new Map<number, ErrorKind>([
  ...Object.entries(GRPC_CODES).map(([kind, code]) => [code, kind as ErrorKind] as const),
  // UNAUTHENTICATED has no kind of its own.
  [16, 'PermissionDenied'],
]);

/** The kind a gRPC or ttrpc status code stands for, the other way round; unknown codes read as Internal. */
export const kindOfGrpcCode = (code: number): ErrorKind => KINDS_BY_CODE.get(code) ?? 'Internal';

const HTTP_STATUS: Partial<Record<ErrorKind, number>> = {
  InvalidArgument: 400,
  NotFound: 404,
  AlreadyExists: 409,
  FailedPrecondition: 412,
  Aborted: 409,
  ResourceExhausted: 503,
  Unavailable: 503,
  DeadlineExceeded: 504,
  Unimplemented: 501,
};

/** HTTP status for the FaaS gateway and its admin API; anything unexpected is a 500. */
export function httpStatusOf(err: unknown): number {
  return (isWasmctlError(err) && HTTP_STATUS[err.kind]) || 500;
}

/** One line for the user: the message, then what to do next. */
export function describeError(err: unknown): string {
  if (isWasmctlError(err)) return err.hint ? `${err.message} (${err.hint})` : err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
