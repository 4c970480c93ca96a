import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { APP_CALLBACK_SERVICE, RUNTIME_PROTO_DIR, RUNTIME_SERVICE } from '../client/proto-path.js';

/**
 * Our runtime.proto and appcallback.proto for grpc-js. Field names stay snake_case as in the
 * .proto, int64 as decimal strings, enums as their names.
 */
const definition = protoLoader.loadSync(['runtime.proto', 'appcallback.proto'], {
  includeDirs: [RUNTIME_PROTO_DIR],
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
});

export const runtimeService = definition[RUNTIME_SERVICE] as grpc.ServiceDefinition;
export const appCallbackService = definition[APP_CALLBACK_SERVICE] as grpc.ServiceDefinition;
