/**
 * A minimal gRPC unary channel over node:http2: one session per address, standard framing
 * (content-type application/grpc, te: trailers, grpc-status trailers), so it talks to wasmctl's
 * sidecar and to a real Layotto alike. About twice the sequential call rate of @grpc/grpc-js.
 */
import http2 from 'node:http2';
import { WasmctlError } from '../../common/index.js';
import { decodeGrpcMessage, frame } from './framing.js';
import { encodeMessage, type Method, type RequestProps, type Response } from './protocol.js';
import { errorFromStatus } from './status.js';

const { HTTP2_HEADER_STATUS, NGHTTP2_CANCEL } = http2.constants;

export class GrpcChannel {
  private session: http2.ClientHttp2Session | undefined;
  private sessionError: Error | undefined;

  constructor(readonly address: string) {}

  private connect(): http2.ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    const session = http2.connect(`http://${this.address}`);
    this.sessionError = undefined;
    // Failures reach each call through its stream; the session error only names the cause.
    session.on('error', (err) => {
      this.sessionError = err;
    });
    session.on('close', () => {
      if (this.session === session) this.session = undefined;
    });
    // An idle channel must not keep the process alive; pending calls hold their own timers.
    session.unref();
    this.session = session;
    return session;
  }

  private unavailable(method: string, err: Error): WasmctlError {
    // A refused connection cancels the pending streams; the reason is the cancel's cause.
    const cause = (err.cause instanceof Error ? err.cause : undefined) ?? this.sessionError ?? err;
    const code = (cause as NodeJS.ErrnoException).code;
    return new WasmctlError('Unavailable', `${method}: runtime sidecar ${this.address} is unavailable (${code ?? cause.message})`, {
      hint: 'is the sidecar (wasmctl sidecar, or Layotto) running at that address?',
      cause,
    });
  }

  /** One unary call of a generated method: its request encoded, its answer decoded. */
  async call<M extends Method>(method: M, request: RequestProps<M>, deadlineMs: number, signal?: AbortSignal): Promise<Response<M>> {
    return method.responseType.decode(await this.unary(method.path, encodeMessage(method.requestType, request), deadlineMs, signal));
  }

  /** One unary call to `path` (/package.Service/Method); rejects with a WasmctlError whose kind follows the gRPC status. */
  unary(path: string, request: Uint8Array, deadlineMs: number, signal?: AbortSignal): Promise<Buffer> {
    const method = path.slice(path.lastIndexOf('/') + 1);
    return new Promise((resolve, reject) => {
      let stream: http2.ClientHttp2Stream;
      try {
        stream = this.connect().request({
          ':method': 'POST',
          ':path': path,
          'content-type': 'application/grpc',
          te: 'trailers',
          'grpc-timeout': `${deadlineMs}m`,
        });
      } catch (err) {
        reject(this.unavailable(method, err as Error));
        return;
      }
      let settled = false;
      const finish = (err: Error | null, value?: Buffer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', cancel);
        if (err) reject(err);
        else resolve(value as Buffer);
      };
      const cancel = () => {
        stream.close(NGHTTP2_CANCEL);
        finish(new WasmctlError('Unavailable', `${method}: cancelled`));
      };
      signal?.addEventListener('abort', cancel, { once: true });
      const timer = setTimeout(() => {
        stream.close(NGHTTP2_CANCEL);
        finish(new WasmctlError('DeadlineExceeded', `${method}: runtime sidecar ${this.address} did not answer within ${deadlineMs}ms`));
      }, deadlineMs);

      const chunks: Buffer[] = [];
      let status: string | undefined;
      let message: unknown;
      stream.on('response', (headers) => {
        const httpStatus = Number(headers[HTTP2_HEADER_STATUS]);
        if (httpStatus !== 200) {
          finish(errorFromStatus(method, 14, `runtime sidecar ${this.address} answered HTTP ${httpStatus}, not gRPC`));
        }
        // A trailers-only answer (an error, typically) carries its status in the headers.
        status = headers['grpc-status'] as string | undefined;
        message = headers['grpc-message'];
      });
      stream.on('trailers', (trailers) => {
        status = trailers['grpc-status'] as string | undefined;
        message = trailers['grpc-message'];
      });
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (err) => finish(this.unavailable(method, err)));
      stream.on('close', () => {
        if (status === undefined) {
          finish(this.unavailable(method, new Error('the stream closed without a gRPC status')));
        } else if (status !== '0') {
          finish(errorFromStatus(method, Number(status), decodeGrpcMessage(message)));
        } else {
          const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
          if (body.length < 5) finish(new WasmctlError('Internal', `${method}: the answer has no message`));
          else finish(null, body.subarray(5, 5 + body.readUInt32BE(1)));
        }
      });
      stream.end(frame(request));
    });
  }

  close(): void {
    this.session?.close();
    this.session = undefined;
  }
}
