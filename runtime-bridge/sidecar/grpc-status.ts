import type * as grpc from '@grpc/grpc-js';
import { describeError, grpcCodeOf } from '../../common/index.js';

/** An error as the gRPC status a handler answers: its kind's code, its one-line message. */
export function toStatus(err: unknown): Partial<grpc.StatusObject> {
  return { code: grpcCodeOf(err), details: describeError(err) };
}
