/**
 * wasi:http's client side for components: outgoing-handler.handle and the resources it takes and
 * gives (outgoing-request, request-options, future-incoming-response, incoming-response). The
 * request is sent through the runtime host calls (outgoing-wire.cts), blocking as every host call
 * does here; the sender answers only --allow-http hosts, anything else is HTTP-request-denied.
 * It goes once its body is complete: at handle() when the guest wrote the body first (or never
 * took one), else when the guest first asks for the response.
 */
import { AbiStatus } from '../../../abi/status.cjs';
import type { CallHost } from '../../worker/host-channel.cjs';
import { Pollable } from '../host/io.cjs';
import { decodeWire, encodeWire, OUTGOING_HTTP, type ErrorCode, type IncomingWire, type OutgoingWire } from './outgoing-wire.cjs';
import { Fields, IncomingBody, OutgoingMessage } from './types.cjs';

type Method = { tag: string; val?: string };
type Scheme = { tag: string; val?: string };

export class OutgoingRequest extends OutgoingMessage {
  private methodValue: Method = { tag: 'get' };
  private schemeValue: Scheme | undefined;
  private authorityValue: string | undefined;
  private pathValue: string | undefined;

  method(): Method {
    return this.methodValue;
  }

  setMethod(method: Method): void {
    if (method.tag === 'other' && !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(method.val ?? '')) throw undefined;
    this.methodValue = method;
  }

  pathWithQuery(): string | undefined {
    return this.pathValue;
  }

  setPathWithQuery(path: string | undefined): void {
    this.pathValue = path;
  }

  scheme(): Scheme | undefined {
    return this.schemeValue;
  }

  setScheme(scheme: Scheme | undefined): void {
    this.schemeValue = scheme;
  }

  authority(): string | undefined {
    return this.authorityValue;
  }

  setAuthority(authority: string | undefined): void {
    this.authorityValue = authority;
  }

  /** What the sender needs; a request without a scheme goes as HTTPS (as wasmtime sends it). */
  wire(timeoutMs: number | null): OutgoingWire {
    const scheme = this.schemeValue === undefined ? 'https' : (this.schemeValue.val ?? this.schemeValue.tag).toLowerCase();
    return {
      method: this.methodValue.tag === 'other' ? (this.methodValue.val as string) : this.methodValue.tag.toUpperCase(),
      scheme,
      authority: this.authorityValue ?? '',
      pathWithQuery: this.pathValue ?? '/',
      headers: this.fields.entries(),
      body: Buffer.concat(this.outgoing.chunks),
      timeoutMs,
    };
  }
}

const NS_PER_MS = 1_000_000n;

export class RequestOptions {
  private connect: bigint | undefined;
  private firstByte: bigint | undefined;
  private betweenBytes: bigint | undefined;

  connectTimeout(): bigint | undefined {
    return this.connect;
  }

  setConnectTimeout(ns: bigint | undefined): void {
    this.connect = ns;
  }

  firstByteTimeout(): bigint | undefined {
    return this.firstByte;
  }

  setFirstByteTimeout(ns: bigint | undefined): void {
    this.firstByte = ns;
  }

  betweenBytesTimeout(): bigint | undefined {
    return this.betweenBytes;
  }

  setBetweenBytesTimeout(ns: bigint | undefined): void {
    this.betweenBytes = ns;
  }

  timeoutMs(): number | null {
    const ns = this.firstByte ?? this.connect;
    return ns === undefined ? null : Number(ns / NS_PER_MS);
  }
}

export class IncomingResponse {
  private consumed = false;

  constructor(
    private readonly statusCode: number,
    private readonly fields: Fields,
    private readonly bytes: Uint8Array,
  ) {}

  status(): number {
    return this.statusCode;
  }

  headers(): Fields {
    return this.fields;
  }

  consume(): IncomingBody {
    if (this.consumed) throw undefined;
    this.consumed = true;
    return new IncomingBody(this.bytes);
  }
}

type Outcome = { tag: 'ok'; val: IncomingResponse } | { tag: 'err'; val: ErrorCode };

export class FutureIncomingResponse {
  private outcome: Outcome | null = null;
  private taken = false;

  constructor(private readonly send: () => Outcome) {}

  /** Sends the request unless it has been sent. */
  resolve(): Outcome {
    return (this.outcome ??= this.send());
  }

  subscribe(): Pollable {
    return new SentPollable(this);
  }

  /** option<result<result<incoming-response, error-code>>>: the second get is the error case. */
  get(): { tag: 'ok'; val: Outcome } | { tag: 'err'; val: undefined } {
    if (this.taken) return { tag: 'err', val: undefined };
    this.taken = true;
    return { tag: 'ok', val: this.resolve() };
  }
}

/** Ready once the request has been answered: asking sends it (and blocks until its answer). */
class SentPollable extends Pollable {
  constructor(private readonly future: FutureIncomingResponse) {
    super();
  }

  override ready(): boolean {
    this.future.resolve();
    return true;
  }

  override block(): void {
    this.future.resolve();
  }
}

function sender(callHost: CallHost, request: OutgoingRequest, options: RequestOptions | undefined): () => Outcome {
  return () => {
    const reply = callHost(OUTGOING_HTTP, encodeWire(request.wire(options?.timeoutMs() ?? null)));
    if (reply.status !== AbiStatus.Ok)
      return { tag: 'err', val: { tag: 'internal-error', val: `the host could not send it (status ${reply.status})` } };
    const answer = decodeWire<IncomingWire>(reply.data);
    if ('err' in answer) return { tag: 'err', val: answer.err };
    const { status, headers, body } = answer.ok;
    return { tag: 'ok', val: new IncomingResponse(status, Fields.readOnly(headers), body) };
  };
}

export function outgoingHandler(callHost: CallHost) {
  return {
    handle(request: OutgoingRequest, options: RequestOptions | undefined): FutureIncomingResponse {
      const future = new FutureIncomingResponse(sender(callHost, request, options));
      if (!request.bodyTaken || request.outgoing.finished) {
        const outcome = future.resolve();
        // Refused before anything was sent: handle's own error, as wasmtime answers a denied request.
        if (outcome.tag === 'err' && outcome.val.tag === 'HTTP-request-denied') throw outcome.val;
      }
      return future;
    },
  };
}
