/**
 * A unary ttrpc server on a unix socket: each Request is decoded with its method's generated
 * message type, handed to the service's implementation, and answered with a Response carrying the
 * encoded result or a gRPC status.
 */
import net from 'node:net';
import { describeError, grpcCodeOf, WasmctlError } from '../../common/index.js';
import { ttrpc } from '../gen/containerd.js';
import { encodeFrame, FrameDecoder, MessageType, type Frame } from './framing.js';
import { decodeMessage, encodeMessage, type CallContext, type Implementation, type Methods, type ServiceDefinition } from './method.js';

type Handler = (payload: Uint8Array, context: CallContext) => Promise<Uint8Array>;

export interface ServiceBinding {
  name: string;
  handlers: ReadonlyMap<string, Handler>;
}

/** Ties a service's table to its implementation; a method left out answers Unimplemented. */
export function bindService<M extends Methods>(service: ServiceDefinition<M>, implementation: Partial<Implementation<M>>): ServiceBinding {
  const handlers = new Map<string, Handler>();
  for (const [name, [requestType, responseType]] of Object.entries(service.methods)) {
    const handle = implementation[name] as ((request: object, context: CallContext) => Promise<never>) | undefined;
    if (!handle) continue;
    handlers.set(name, async (payload, context) =>
      encodeMessage(responseType, await handle.call(implementation, decodeMessage(requestType, payload), context)),
    );
  }
  return { name: service.name, handlers };
}

const NAMESPACE_KEY = 'containerd-namespace-ttrpc';

const statusOf = (err: unknown): ttrpc.Status.$Properties => ({ code: grpcCodeOf(err), message: describeError(err) });

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
    const reply = (streamId: number, response: ttrpc.Response.$Properties) => {
      if (!socket.destroyed) socket.write(encodeFrame(streamId, MessageType.Response, encodeMessage(ttrpc.Response, response)));
    };
    const decoder = new FrameDecoder(
      (frame) => void this.dispatch(frame).then((response) => reply(frame.streamId, response)),
      (streamId, length) =>
        reply(streamId, { status: statusOf(new WasmctlError('ResourceExhausted', `message of ${length} bytes exceeds the 4 MiB limit`)) }),
    );
    socket.on('data', (chunk: Buffer) => decoder.push(chunk));
  }

  private async dispatch(frame: Frame): Promise<ttrpc.Response.$Properties> {
    this.onRequest();
    try {
      if (frame.type !== MessageType.Request) {
        throw new WasmctlError('InvalidArgument', `unexpected ttrpc message type ${frame.type}`);
      }
      const request = decodeMessage(ttrpc.Request, frame.data);
      const handler = this.services.find((s) => s.name === request.service)?.handlers.get(request.method);
      if (!handler) throw new WasmctlError('Unimplemented', `this shim serves no method ${request.service}/${request.method}`);
      const namespace = request.metadata.find((kv) => kv.key === NAMESPACE_KEY)?.value ?? '';
      return { payload: await handler(request.payload, { namespace }) };
    } catch (err) {
      return { status: statusOf(err) };
    }
  }
}
