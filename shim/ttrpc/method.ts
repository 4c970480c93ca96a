/**
 * A ttrpc service as data: each method's request and response message types (the generated
 * protobufjs classes), so that one table types the server's handlers and the client's calls alike.
 */
import type { Writer } from 'protobufjs';

/** What a generated message class offers: encode from its properties, decode to an instance. */
export interface MessageCodec {
  encode(message: never): Writer;
  decode(bytes: Uint8Array): object;
}

export type Method = readonly [request: MessageCodec, response: MessageCodec];
export type Methods = Readonly<Record<string, Method>>;

/** A message as decoded (fields present, defaults filled in) and as accepted by encode. */
export type Decoded<T extends MessageCodec> = ReturnType<T['decode']>;
export type Encodable<T extends MessageCodec> = Parameters<T['encode']>[0];

export interface CallContext {
  /** From the request's metadata (`containerd-namespace-ttrpc`), else empty. */
  namespace: string;
}

/** A service's implementation: one async function per method, typed by the table. */
export type Implementation<M extends Methods> = {
  [K in keyof M]: (request: Decoded<M[K][0]>, context: CallContext) => Promise<Encodable<M[K][1]>>;
};

export interface ServiceDefinition<M extends Methods> {
  /** The fully qualified name containerd calls, e.g. `containerd.task.v2.Task`. */
  name: string;
  methods: M;
}

export const encodeMessage = <T extends MessageCodec>(type: T, message: Encodable<T>): Uint8Array =>
  (type.encode as (m: Encodable<T>) => Writer)(message).finish();
export const decodeMessage = <T extends MessageCodec>(type: T, bytes: Uint8Array): Decoded<T> => type.decode(bytes) as Decoded<T>;
