/**
 * wasi:http/types for the incoming side of a wasi:http/proxy component: the request the gateway
 * received (method, path with query, headers, body as an input stream) and the response the
 * component sets on its response-outparam (status, headers, body from an output stream). The
 * body crosses to the gateway whole once the component returns. The client side is outgoing.cts.
 */
import { InputStream, OutputStream, Pollable } from '../host/io.cjs';

export interface HttpRequest {
  method: string;
  /** Path and query, as received (`/books?name=x`). */
  path: string;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

export interface HttpResponse {
  status: number;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

const METHODS = ['get', 'head', 'post', 'put', 'delete', 'connect', 'options', 'trace', 'patch'];
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** header-error, as wasi:http names the ways a field operation fails. */
const headerError = (tag: 'invalid-syntax' | 'forbidden' | 'immutable') => ({ tag });
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export class Fields {
  private list: Array<[string, Uint8Array]> = [];

  constructor(private readonly immutable = false) {}

  static fromList(entries: Array<[string, Uint8Array]>): Fields {
    const fields = new Fields();
    for (const [name, value] of entries) fields.append(name, value);
    return fields;
  }

  /** Headers the component may read only (a response it received). */
  static readOnly(entries: Array<[string, Uint8Array]>): Fields {
    const fields = new Fields(true);
    fields.list = entries.map(([n, v]) => [n.toLowerCase(), v]);
    return fields;
  }

  /** A request's headers, which the component may read only. */
  static received(pairs: Array<[string, string]>): Fields {
    return Fields.readOnly(pairs.map(([n, v]) => [n, encoder.encode(v)]));
  }

  get(name: string): Uint8Array[] {
    const key = name.toLowerCase();
    return this.list.filter(([n]) => n === key).map(([, v]) => v);
  }

  has(name: string): boolean {
    return this.get(name).length > 0;
  }

  set(name: string, values: Uint8Array[]): void {
    this.delete(name);
    for (const value of values) this.append(name, value);
  }

  delete(name: string): void {
    this.writable();
    this.list = this.list.filter(([n]) => n !== name.toLowerCase());
  }

  append(name: string, value: Uint8Array): void {
    this.writable();
    if (!TOKEN.test(name)) throw headerError('invalid-syntax');
    this.list.push([name.toLowerCase(), value]);
  }

  entries(): Array<[string, Uint8Array]> {
    return this.list.map(([n, v]) => [n, v]);
  }

  clone(): Fields {
    return Fields.fromList(this.list);
  }

  /** As text pairs, for the gateway. */
  pairs(): Array<[string, string]> {
    return this.list.map(([n, v]) => [n, decoder.decode(v)]);
  }

  private writable(): void {
    if (this.immutable) throw headerError('immutable');
  }
}

/** Trailers never arrive: the gateway hands over a whole body. */
export class FutureTrailers {
  subscribe(): Pollable {
    return new Pollable();
  }

  get(): { tag: 'ok'; val: { tag: 'ok'; val: undefined } } {
    return { tag: 'ok', val: { tag: 'ok', val: undefined } };
  }
}

export class IncomingBody {
  private taken = false;

  constructor(private readonly bytes: Uint8Array) {}

  stream(): InputStream {
    if (this.taken) throw undefined;
    this.taken = true;
    let at = 0;
    return new InputStream((len) => {
      const chunk = this.bytes.subarray(at, at + len);
      at += chunk.length;
      return chunk;
    });
  }

  static finish(_body: IncomingBody): FutureTrailers {
    return new FutureTrailers();
  }
}

export class IncomingRequest {
  private consumed = false;
  private readonly fields: Fields;

  constructor(private readonly request: HttpRequest) {
    this.fields = Fields.received(request.headers);
  }

  method(): { tag: string; val?: string } {
    const lower = this.request.method.toLowerCase();
    return METHODS.includes(lower) ? { tag: lower } : { tag: 'other', val: this.request.method };
  }

  pathWithQuery(): string {
    return this.request.path;
  }

  scheme(): { tag: string } {
    return { tag: 'HTTP' };
  }

  authority(): string | undefined {
    return this.request.headers.find(([n]) => n.toLowerCase() === 'host')?.[1];
  }

  headers(): Fields {
    return this.fields;
  }

  consume(): IncomingBody {
    if (this.consumed) throw undefined;
    this.consumed = true;
    return new IncomingBody(this.request.body);
  }
}

export class OutgoingBody {
  readonly chunks: Uint8Array[] = [];
  finished = false;
  private written = false;

  write(): OutputStream {
    if (this.written) throw undefined;
    this.written = true;
    return new OutputStream((data) => {
      if (this.finished) throw { tag: 'closed' };
      this.chunks.push(data.slice());
    });
  }

  static finish(body: OutgoingBody): void {
    body.finished = true;
  }
}

/** What an outgoing request and an outgoing response share: their headers, and a body taken once. */
export class OutgoingMessage {
  readonly outgoing = new OutgoingBody();
  bodyTaken = false;

  constructor(protected readonly fields: Fields) {}

  headers(): Fields {
    return this.fields;
  }

  body(): OutgoingBody {
    if (this.bodyTaken) throw undefined;
    this.bodyTaken = true;
    return this.outgoing;
  }
}

export class OutgoingResponse extends OutgoingMessage {
  private status = 200;

  statusCode(): number {
    return this.status;
  }

  setStatusCode(code: number): void {
    if (code < 100 || code > 999) throw undefined;
    this.status = code;
  }

  /** What the gateway sends: the body as written so far (a component that never finished it ends here). */
  toResponse(): HttpResponse {
    return { status: this.status, headers: this.fields.pairs(), body: Buffer.concat(this.outgoing.chunks) };
  }
}

type SetResult = { tag: 'ok'; val: OutgoingResponse } | { tag: 'err'; val: { tag: string; val?: unknown } };

export class ResponseOutparam {
  result: SetResult | null = null;

  static set(param: ResponseOutparam, result: SetResult): void {
    param.result = result;
  }
}
