/**
 * A gRPC server on node:http2 with the generated codecs: grpc-js's server set the pace of every
 * client (issue 16); without its layer over node:http2 each call costs the sidecar less. What it keeps
 * of grpc-js's behaviour: grpc-status/grpc-message trailers (trailers-only for errors),
 * UNIMPLEMENTED for unknown methods, grpc-timeout deadlines (DEADLINE_EXCEEDED, the handler's
 * signal aborted), a receive limit of 4 MiB (RESOURCE_EXHAUSTED), server keepalive pings, and
 * GOAWAY then a grace period on shutdown.
 */
import { EventEmitter } from 'node:events';
import http2 from 'node:http2';
import { FrameDecoder, FrameError, encodeGrpcMessage, frame, type Method, type Request, type ResponseProps } from '../client/index.js';
import { statusOf, type GrpcStatus } from './grpc-status.js';

const { NGHTTP2_NO_ERROR } = http2.constants;

/** grpc-js's default receive limit. */
export const MAX_RECEIVE_BYTES = 4 * 1024 * 1024;
/** gRPC core's server keepalive times: a ping every 2 h, the connection dropped when 20 s pass without its answer. */
const KEEPALIVE_MS = 2 * 60 * 60 * 1000;
const KEEPALIVE_TIMEOUT_MS = 20_000;
const DEADLINE_UNITS: Record<string, number> = { H: 3_600_000, M: 60_000, S: 1000, m: 1, u: 1e-3, n: 1e-6 };

export interface CallContext {
  /** Aborts when the deadline passes or the client cancels. */
  readonly signal: AbortSignal;
  readonly headers: http2.IncomingHttpHeaders;
  /** The client's connection: what per-client limits count by. */
  readonly session: http2.ServerHttp2Session;
}

/** A call's end, with its AbortSignal made only for handlers that ask (an abort costs a DOMException: ~10% of a call). */
class CallState implements CallContext {
  ended = false;
  private controller: AbortController | undefined;

  constructor(
    readonly headers: http2.IncomingHttpHeaders,
    readonly session: http2.ServerHttp2Session,
  ) {}

  get signal(): AbortSignal {
    this.controller ??= new AbortController();
    if (this.ended) this.controller.abort();
    return this.controller.signal;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.controller?.abort();
  }
}
export type UnaryHandler<M extends Method> = (request: Request<M>, call: CallContext) => Promise<ResponseProps<M>>;

/** A bidirectional call: 'data' (a request), 'end' (the client half-closed), 'cancelled', 'drain'. */
export class BidiCall<M extends Method> extends EventEmitter {
  private closed = false;

  constructor(
    private readonly stream: http2.ServerHttp2Stream,
    private readonly method: M,
    readonly context: CallContext,
  ) {
    super();
    stream.on('drain', () => this.emit('drain'));
  }

  /** false when the client has not read what was written before: wait for 'drain'. */
  write(message: ResponseProps<M>): boolean {
    // Also after a deadline ended the stream under the handler.
    if (this.closed || finished.has(this.stream) || this.stream.closed) return false;
    if (!this.stream.headersSent) this.stream.respond(RESPONSE_HEADERS, { waitForTrailers: true });
    return this.stream.write(frame(this.method.responseType.encode(message).finish()));
  }

  /** Ends the call with OK, or with the status of `err`. */
  end(err?: unknown): void {
    if (this.closed) return;
    this.closed = true;
    finish(this.stream, err === undefined ? OK : statusOf(err));
  }
}
export type BidiHandler<M extends Method> = (call: BidiCall<M>) => void;

type Handler<M> = M extends Method ? (M['requestStream'] extends true ? BidiHandler<M> : UnaryHandler<M>) : never;
/** Handlers by method name; a method left out answers UNIMPLEMENTED. */
export type ServiceHandlers<S extends Record<string, Method>> = { [K in keyof S]?: Handler<S[K]> };

const RESPONSE_HEADERS = { ':status': 200, 'content-type': 'application/grpc+proto' };
const OK: GrpcStatus = { code: 0, message: '' };
const trailers = ({ code, message }: GrpcStatus) => ({ 'grpc-status': String(code), 'grpc-message': encodeGrpcMessage(message) });
const OK_TRAILERS = trailers(OK);

/** Streams whose status is on its way: a deadline that fires just after an answer must not end them twice. */
const finished = new WeakSet<http2.ServerHttp2Stream>();

/** The status as trailers after the messages (and after `message`, a unary answer), or trailers-only when nothing was sent. */
function finish(stream: http2.ServerHttp2Stream, status: GrpcStatus, message?: Buffer): void {
  if (stream.destroyed || stream.closed || finished.has(stream)) return;
  finished.add(stream);
  if (message) {
    stream.respond(RESPONSE_HEADERS, { waitForTrailers: true });
    stream.once('wantTrailers', () => stream.sendTrailers(status === OK ? OK_TRAILERS : trailers(status)));
    stream.end(message);
    return;
  }
  if (!stream.headersSent) {
    stream.respond({ ...RESPONSE_HEADERS, ...trailers(status) }, { endStream: true });
    return;
  }
  stream.once('wantTrailers', () => stream.sendTrailers(trailers(status)));
  stream.end();
}

function deadlineOf(header: string | string[] | undefined): number | undefined {
  const found = typeof header === 'string' ? /^(\d{1,8})([HMSmun])$/.exec(header) : null;
  return found ? Number(found[1]) * (DEADLINE_UNITS[found[2] as string] as number) : undefined;
}

interface Route {
  method: Method;
  handler: UnaryHandler<Method> | BidiHandler<Method>;
}

export class GrpcServer {
  private readonly routes = new Map<string, Route>();
  private readonly sessions = new Set<http2.ServerHttp2Session>();
  private readonly server = http2.createServer();

  constructor() {
    this.server.on('session', (session) => this.track(session));
    this.server.on('stream', (stream, headers) => this.dispatch(stream, headers));
  }

  /** Serves `handlers` for the methods of one service table. */
  addService<S extends Record<string, Method>>(methods: S, handlers: ServiceHandlers<S>): void {
    for (const [name, handler] of Object.entries(handlers)) {
      const method = methods[name] as Method;
      this.routes.set(method.path, { method, handler: handler as Route['handler'] });
    }
  }

  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host.replace(/^\[(.*)\]$/, '$1'), () => {
        this.server.off('error', reject);
        resolve((this.server.address() as { port: number }).port);
      });
    });
  }

  /** GOAWAY to every client, then the calls under way have `graceMs` to finish (streams never end by themselves). */
  close(graceMs: number): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const session of this.sessions) session.close();
    const force = setTimeout(() => {
      for (const session of this.sessions) session.destroy();
    }, graceMs);
    return closed.finally(() => clearTimeout(force));
  }

  private track(session: http2.ServerHttp2Session): void {
    this.sessions.add(session);
    session.on('error', () => session.destroy());
    const keepalive = setInterval(() => {
      const timeout = setTimeout(() => session.destroy(), KEEPALIVE_TIMEOUT_MS);
      if (!session.ping(() => clearTimeout(timeout))) clearTimeout(timeout);
    }, KEEPALIVE_MS).unref();
    session.on('close', () => {
      clearInterval(keepalive);
      this.sessions.delete(session);
    });
  }

  private dispatch(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
    stream.on('error', () => stream.destroy());
    const contentType = headers['content-type'] ?? '';
    if (headers[':method'] !== 'POST' || !/^application\/grpc(\+proto)?(;|$)/.test(contentType)) {
      // Not a gRPC call: an HTTP answer, as grpc-js gives (415 for a foreign content type).
      if (!stream.headersSent) stream.respond({ ':status': headers[':method'] === 'POST' ? 415 : 405 }, { endStream: true });
      return;
    }
    const path = headers[':path'] ?? '';
    const route = this.routes.get(path);
    if (!route) return finish(stream, { code: 12, message: `The server does not implement the method ${path}` });

    const context = new CallState(headers, stream.session as http2.ServerHttp2Session);
    const deadlineMs = deadlineOf(headers['grpc-timeout']);
    const timer =
      deadlineMs === undefined
        ? undefined
        : setTimeout(() => {
            context.end();
            finish(stream, { code: 4, message: 'Deadline exceeded' });
            stream.close(NGHTTP2_NO_ERROR);
          }, deadlineMs);
    stream.once('close', () => {
      clearTimeout(timer);
      context.end();
    });
    const decoder = new FrameDecoder(MAX_RECEIVE_BYTES);
    const decode = (chunk: Buffer) => {
      try {
        return decoder.push(chunk).map((bytes) => route.method.requestType.decode(bytes));
      } catch (err) {
        const status =
          err instanceof FrameError
            ? { code: err.code, message: err.message }
            : { code: 13, message: `Error deserializing request: ${(err as Error).message}` };
        finish(stream, status);
        stream.close(NGHTTP2_NO_ERROR);
        return undefined;
      }
    };
    if (route.method.requestStream) this.bidi(stream, route, context, decode);
    else this.unary(stream, route, context, decode);
  }

  private unary(stream: http2.ServerHttp2Stream, route: Route, context: CallState, decode: (chunk: Buffer) => unknown[] | undefined): void {
    const requests: unknown[] = [];
    let failed = false;
    stream.on('data', (chunk: Buffer) => {
      const decoded = failed ? [] : decode(chunk);
      if (decoded) requests.push(...decoded);
      else failed = true;
    });
    stream.on('end', () => {
      if (failed || context.ended) return;
      if (requests.length !== 1) {
        return finish(stream, { code: 12, message: `${requests.length ? 'Too many' : 'No'} messages for a unary call` });
      }
      (route.handler as UnaryHandler<Method>)(requests[0], context)
        // An answer that does not encode is the handler's failure too, not a crash.
        .then((response) => frame(route.method.responseType.encode(response).finish()))
        .then(
          (answer) => context.ended || finish(stream, OK, answer),
          (err: unknown) => context.ended || finish(stream, statusOf(err)),
        );
    });
  }

  private bidi(stream: http2.ServerHttp2Stream, route: Route, context: CallState, decode: (chunk: Buffer) => unknown[] | undefined): void {
    const call = new BidiCall(stream, route.method, context);
    stream.on('data', (chunk: Buffer) => {
      for (const request of decode(chunk) ?? []) call.emit('data', request);
    });
    stream.on('end', () => call.emit('end'));
    context.signal.addEventListener('abort', () => call.emit('cancelled'), { once: true });
    try {
      (route.handler as BidiHandler<Method>)(call);
    } catch (err) {
      call.end(err);
    }
  }
}
