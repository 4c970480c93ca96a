import { describeError, grpcCodeOf } from '../../common/index.js';

export interface GrpcStatus {
  code: number;
  message: string;
}

/** An error as the gRPC status a handler answers: its kind's code, its one-line message. */
export function statusOf(err: unknown): GrpcStatus {
  return { code: grpcCodeOf(err), message: describeError(err) };
}
