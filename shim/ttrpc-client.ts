/** A unary ttrpc client on a unix socket: odd stream ids, one pending promise per stream. */
import net from 'node:net';
import type protobuf from 'protobufjs';
import { WasmctlError } from '../common/index.js';
import { encodeFrame, FrameDecoder, MessageType } from './framing.js';
import { decode, encode, messageType } from './protocol.js';

const RequestType = messageType('ttrpc.Request');
const ResponseType = messageType('ttrpc.Response');

interface TtrpcResponse {
  status?: { code: number; message: string } | null;
  payload: Uint8Array;
}

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
    const request = encode(RequestType, {
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

  /** One method of a service definition: the request encoded and the response decoded by its types. */
  async invoke<T = Record<string, unknown>>(service: protobuf.Service, method: string, request: object): Promise<T> {
    const definition = service.methods[method];
    if (!definition) throw new WasmctlError('Unimplemented', `${service.fullName} has no method ${method}`);
    const payload = await this.call(service.fullName.replace(/^\./, ''), method, encode(definition.resolvedRequestType!, request));
    return decode<T>(definition.resolvedResponseType!, payload);
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
          const response = decode<TtrpcResponse>(ResponseType, frame.data);
          if (response.status && response.status.code !== 0) {
            waiter.reject(new WasmctlError('Unavailable', `ttrpc ${this.address}: ${response.status.message} (code ${response.status.code})`));
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
