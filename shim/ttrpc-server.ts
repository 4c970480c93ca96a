/**
 * A unary ttrpc server on a unix socket: decodes each Request with the method's protobuf type
 * from the service definition, calls the handler, answers a Response with a gRPC status.
 */
import net from 'node:net';
import type protobuf from 'protobufjs';
import { describeError, grpcCodeOf, WasmctlError } from '../common/index.js';
import { encodeFrame, FrameDecoder, MessageType, type Frame } from './framing.js';
import { decode, encode, messageType } from './protocol.js';

const RequestType = messageType('ttrpc.Request');
const ResponseType = messageType('ttrpc.Response');

export interface CallContext {
  /** From the request's metadata (`containerd-namespace-ttrpc`), else empty. */
  namespace: string;
}

export type Handler = (request: any, context: CallContext) => Promise<object>;

export interface ServiceBinding {
  definition: protobuf.Service;
  handlers: Partial<Record<string, Handler>>;
}

interface TtrpcRequest {
  service: string;
  method: string;
  payload: Uint8Array;
  metadata: { key: string; value: string }[];
}

const NAMESPACE_KEY = 'containerd-namespace-ttrpc';

export class TtrpcServer {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(
    private readonly services: ServiceBinding[],
    private readonly onRequest: () => void = () => undefined,
  ) {
    this.server = net.createServer((socket) => this.accept(socket));
  }

  listen(path: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(path, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  get connectionCount(): number {
    return this.sockets.size;
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const reply = (streamId: number, response: object) => {
      if (!socket.destroyed) socket.write(encodeFrame(streamId, MessageType.Response, encode(ResponseType, response)));
    };
    const decoder = new FrameDecoder(
      (frame) => void this.dispatch(frame).then((response) => reply(frame.streamId, response)),
      (streamId, length) =>
        reply(streamId, { status: { code: grpcCodeOf(new WasmctlError('ResourceExhausted', '')), message: `message of ${length} bytes exceeds the 4 MiB limit` } }),
    );
    socket.on('data', (chunk: Buffer) => decoder.push(chunk));
  }

  private async dispatch(frame: Frame): Promise<object> {
    this.onRequest();
    try {
      if (frame.type !== MessageType.Request) {
        throw new WasmctlError('InvalidArgument', `unexpected ttrpc message type ${frame.type}`);
      }
      const request = decode<TtrpcRequest>(RequestType, frame.data);
      const binding = this.services.find((s) => s.definition.fullName.replace(/^\./, '') === request.service);
      const method = binding?.definition.methods[request.method];
      const handler = binding?.handlers[request.method];
      if (!binding || !method || !handler) {
        throw new WasmctlError('Unimplemented', `this shim serves no method ${request.service}/${request.method}`);
      }
      const namespace = request.metadata.find((kv) => kv.key === NAMESPACE_KEY)?.value ?? '';
      const input = decode(method.resolvedRequestType!, request.payload);
      const output = await handler(input, { namespace });
      return { payload: encode(method.resolvedResponseType!, output) };
    } catch (err) {
      return { status: { code: grpcCodeOf(err), message: describeError(err) } };
    }
  }
}
