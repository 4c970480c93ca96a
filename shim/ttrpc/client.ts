/** A unary ttrpc client on a unix socket: odd stream ids, one pending promise per stream. */
import net from 'node:net';
import { kindOfGrpcCode, WasmctlError } from '../../common/index.js';
import { ttrpc } from '../gen/containerd.js';
import { encodeFrame, FrameDecoder, MessageType } from './framing.js';
import { decodeMessage, encodeMessage, type Decoded, type Encodable, type Methods, type ServiceDefinition } from './method.js';

interface Pending {
  resolve: (payload: Uint8Array) => void;
  reject: (err: Error) => void;
}

/** containerd hands out `unix:///path`, a bare path, or (no `unix://`) an abstract socket name. */
export function socketPathOf(address: string): string {
  if (address.startsWith('unix://')) return address.slice('unix://'.length);
  return address.startsWith('/') ? address : `\0${address}`;
}

export class TtrpcClient {
  private socket: net.Socket | undefined;
  private nextStreamId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly address: string) {}

  async call(service: string, method: string, payload: Uint8Array, metadata: Record<string, string> = {}): Promise<Uint8Array> {
    const socket = await this.connect();
    const streamId = this.nextStreamId;
    this.nextStreamId += 2;
    const request = encodeMessage(ttrpc.Request, {
      service,
      method,
      payload,
      metadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    });
    return new Promise((resolve, reject) => {
      this.pending.set(streamId, { resolve, reject });
      socket.write(encodeFrame(streamId, MessageType.Request, request));
    });
  }

  /** One method of a service's table: the request encoded and the response decoded by its types. */
  async invoke<M extends Methods, K extends keyof M & string>(
    service: ServiceDefinition<M>,
    method: K,
    request: Encodable<M[K][0]>,
  ): Promise<Decoded<M[K][1]>> {
    const [requestType, responseType] = service.methods[method]!;
    return decodeMessage(responseType, await this.call(service.name, method, encodeMessage(requestType, request))) as Decoded<M[K][1]>;
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private connect(): Promise<net.Socket> {
    if (this.socket && !this.socket.destroyed) return Promise.resolve(this.socket);
    return new Promise((resolve, reject) => {
      const socket = net.createConnection(socketPathOf(this.address));
      const decoder = new FrameDecoder(
        (frame) => {
          const waiter = this.pending.get(frame.streamId);
          if (!waiter) return;
          this.pending.delete(frame.streamId);
          const response = decodeMessage(ttrpc.Response, frame.data);
          if (response.status && response.status.code) {
            waiter.reject(
              new WasmctlError(
                kindOfGrpcCode(response.status.code),
                `ttrpc ${this.address}: ${response.status.message} (code ${response.status.code})`,
              ),
            );
          } else waiter.resolve(response.payload);
        },
        (streamId) => this.pending.get(streamId)?.reject(new WasmctlError('ResourceExhausted', 'ttrpc response too large')),
      );
      socket.once('connect', () => resolve(socket));
      socket.on('data', (chunk: Buffer) => decoder.push(chunk));
      socket.on('error', (err) => {
        reject(err);
        this.failAll(err);
      });
      socket.on('close', () => {
        this.failAll(new WasmctlError('Unavailable', `ttrpc connection to ${this.address} closed`));
        if (this.socket === socket) this.socket = undefined;
      });
      this.socket = socket;
    });
  }

  private failAll(err: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(err);
    this.pending.clear();
  }
}
