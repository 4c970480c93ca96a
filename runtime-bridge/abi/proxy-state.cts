/**
 * Per-instance state of a proxy-wasm HTTP filter: the buffers and header maps of the request in
 * flight, and what the module answered. Reset for every request.
 */
export const BufferType = {
  HttpRequestBody: 0,
  HttpResponseBody: 1,
  DownstreamData: 2,
  UpstreamData: 3,
  HttpCallResponseBody: 4,
  GrpcReceiveBuffer: 5,
  VmConfiguration: 6,
  PluginConfiguration: 7,
  CallData: 8,
} as const;

export const MapType = {
  HttpRequestHeaders: 0,
  HttpRequestTrailers: 1,
  HttpResponseHeaders: 2,
  HttpResponseTrailers: 3,
} as const;

export type HeaderPairs = Array<[string, string]>;

export interface LocalResponse {
  status: number;
  body: Uint8Array;
  headers: HeaderPairs;
}

export class ProxyState {
  readonly buffers = new Map<number, Uint8Array>();
  readonly maps = new Map<number, HeaderPairs>();
  localResponse: LocalResponse | undefined;
  effectiveContext = 0;

  constructor(readonly log: (level: number, message: string) => void) {}

  resetRequest(headers: HeaderPairs, body: Uint8Array): void {
    for (const type of [BufferType.HttpRequestBody, BufferType.HttpResponseBody]) this.buffers.delete(type);
    this.buffers.set(BufferType.HttpRequestBody, body);
    this.maps.clear();
    this.maps.set(MapType.HttpRequestHeaders, headers);
    this.maps.set(MapType.HttpResponseHeaders, []);
    this.localResponse = undefined;
  }

  buffer(type: number): Uint8Array {
    return this.buffers.get(type) ?? new Uint8Array();
  }

  map(type: number): HeaderPairs {
    let pairs = this.maps.get(type);
    if (!pairs) this.maps.set(type, (pairs = []));
    return pairs;
  }
}
