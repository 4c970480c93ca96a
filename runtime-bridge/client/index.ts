export type * from './api.js';
export { UNLOCK_STATUSES } from './api.js';
export { RuntimeClient, type RuntimeClientOptions } from './runtime-client.js';
export { GrpcChannel } from './channel.js';
export { RUNTIME_PROTO_DIR } from './proto-path.js';
export * from './protocol.js';
export { FrameDecoder, FrameError, decodeGrpcMessage, encodeGrpcMessage, frame } from './framing.js';
