/**
 * @grpc/grpc-js definitions from our generated service tables, so grpc-js peers in tests (an app's
 * AppCallback server, a plain grpc-js client of the sidecar) speak the same message shape as ours.
 */
import type * as grpc from '@grpc/grpc-js';
import { encodeMessage, type Method } from '../../runtime-bridge/client/index.js';

export function grpcJsService(methods: Record<string, Method>): grpc.ServiceDefinition {
  return Object.fromEntries(
    Object.entries(methods).map(([name, m]) => [
      name,
      {
        path: m.path,
        requestStream: m.requestStream,
        responseStream: m.responseStream,
        requestSerialize: (value: object) => Buffer.from(encodeMessage(m.requestType, value)),
        requestDeserialize: (bytes: Buffer) => m.requestType.decode(bytes),
        responseSerialize: (value: object) => Buffer.from(encodeMessage(m.responseType, value)),
        responseDeserialize: (bytes: Buffer) => m.responseType.decode(bytes),
        originalName: name,
      },
    ]),
  );
}
