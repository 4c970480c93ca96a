import { join } from 'node:path';
import protobuf from 'protobufjs';
import { RUNTIME_PROTO_DIR, RUNTIME_SERVICE } from './proto-path.js';

/** Our runtime.proto through protobufjs (camelCase fields, int64 as Long, enums as numbers). */
const root = protobuf.loadSync(join(RUNTIME_PROTO_DIR, 'runtime.proto'));
const service = root.lookupService(RUNTIME_SERVICE);
service.resolveAll();

export interface MethodCodec {
  encode(request: object): Uint8Array;
  decode(response: Uint8Array): Record<string, unknown>;
}

const codecs = new Map<string, MethodCodec>();

export function methodCodec(method: string): MethodCodec {
  let codec = codecs.get(method);
  if (!codec) {
    const definition = service.methods[method];
    if (!definition?.resolvedRequestType || !definition.resolvedResponseType) {
      throw new Error(`${RUNTIME_SERVICE} has no method ${method}`);
    }
    const { resolvedRequestType: requestType, resolvedResponseType: responseType } = definition;
    codec = {
      encode: (request) => requestType.encode(request).finish(),
      decode: (response) => responseType.decode(response) as unknown as Record<string, unknown>,
    };
    codecs.set(method, codec);
  }
  return codec;
}

/** Numeric value of an enum constant, e.g. enumValue('HTTPExtension.Verb', 'GET'). */
export function enumValue(path: string, name: string): number {
  const value = root.lookupEnum(`spec.proto.runtime.v1.${path}`).values[name];
  if (value === undefined) throw new Error(`${path} has no value ${name}`);
  return value;
}
