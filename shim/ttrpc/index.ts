/** ttrpc, containerd's RPC for shims: framing, a unary server and client over generated message types. */
export { encodeFrame, FrameDecoder, HEADER_LENGTH, MAX_MESSAGE_LENGTH, MessageType, type Frame } from './framing.js';
export {
  decodeMessage,
  encodeMessage,
  type CallContext,
  type Decoded,
  type Encodable,
  type Implementation,
  type MessageCodec,
  type Methods,
  type ServiceDefinition,
} from './method.js';
export { bindService, TtrpcServer, type ServiceBinding } from './server.js';
export { socketPathOf, TtrpcClient } from './client.js';
