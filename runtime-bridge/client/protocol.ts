/**
 * The runtime API's messages and methods, generated from proto/runtime/v1 by scripts/gen-proto.mjs
 * (one shape for the client, the sidecar and the tests: camelCase fields, enums as numbers, int64
 * as Long (protobufjs' own long.js), bytes as Buffer). Nothing here parses .proto text.
 */
import Long from 'long';
import protobuf from 'protobufjs/minimal.js';
import type { ConfigurationItem } from './api.js';
import { services, spec } from './generated/runtime.js';

export import v1 = spec.proto.runtime.v1;

export const RUNTIME_METHODS = services['spec.proto.runtime.v1.Runtime'];
export const APP_CALLBACK_METHODS = services['spec.proto.runtime.v1.AppCallback'];

interface MessageType<Props, Decoded> {
  encode(message: Props): protobuf.Writer;
  decode(bytes: Uint8Array): Decoded;
}
/** One method of a service table above. */
// `any` as the defaults: `M extends Method` must accept every generated method, whose message types
// are both written (encode) and read (decode), which no narrower default allows.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Method<Req = any, Res = any, ReqProps = any, ResProps = any> {
  path: string;
  requestType: MessageType<ReqProps, Req>;
  responseType: MessageType<ResProps, Res>;
  requestStream: boolean;
  responseStream: boolean;
}

type PropsOf<T> = T extends { encode(message: infer P): unknown } ? P : never;
type DecodedOf<T> = T extends { decode(bytes: never): infer D } ? D : never;
/** What a caller writes for the method's request / response (plain objects, fields optional). */
export type RequestProps<M extends Method> = PropsOf<M['requestType']>;
export type ResponseProps<M extends Method> = PropsOf<M['responseType']>;
/** What decoding gives (every field present, defaults from the prototype). */
export type Request<M extends Method> = DecodedOf<M['requestType']>;
export type Response<M extends Method> = DecodedOf<M['responseType']>;

/**
 * A decoded message keeps default-valued fields on its prototype: spreading it loses them, so
 * what leaves the protocol layer is copied field by field into the RuntimeApi's shapes.
 */
export function configurationItem(item: v1.ConfigurationItem): ConfigurationItem {
  return { key: item.key, content: item.content, group: item.group, label: item.label, tags: { ...item.tags } };
}

export const encodeMessage = <P>(type: { encode(message: P): protobuf.Writer }, message: P): Uint8Array => type.encode(message).finish();

/** int64 fields: what protobufjs decodes (Long, or number without long.js) as a bigint, and back. */
export const int64ToBigint = (value: number | Long): bigint => BigInt(value.toString());
export const bigintToInt64 = (value: bigint): Long => Long.fromString(value.toString());
