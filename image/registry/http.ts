import { createReadStream } from 'node:fs';
import { Agent as HttpAgent, type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A request body: bytes, or a byte range of a file (a blob, or one chunk of it) streamed from disk. */
export type Body = Buffer | { path: string; start: number; end: number };

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as text, capped (registry answers to writes are short JSON error documents). */
  text: string;
}

const MAX_ANSWER = 64 * 1024;
/** Upload sockets idle this long fail (a stalled registry), as the blob GETs do. */
const IDLE_TIMEOUT_MS = 300_000;
// One connection pool per process: a push's HEADs, uploads and manifest PUT reuse sockets.
const agents = { 'http:': new HttpAgent({ keepAlive: true, maxSockets: 8 }), 'https:': new HttpsAgent({ keepAlive: true, maxSockets: 8 }) };

class Counter extends Transform {
  constructor(private readonly onBytes: (n: number) => void) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.onBytes(chunk.length);
    done(null, chunk);
  }
}

const bodyLength = (body: Body | undefined) => (body === undefined ? 0 : Buffer.isBuffer(body) ? body.length : body.end - body.start);

/** One HTTP exchange through node:http(s) with a keep-alive pool; the body streams from disk. */
export function send(
  method: string,
  url: URL,
  headers: Record<string, string>,
  body?: Body,
  onBytes?: (n: number) => void,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const agent = agents[url.protocol === 'https:' ? 'https:' : 'http:'];
    const req = request(
      url,
      {
        method,
        agent,
        timeout: IDLE_TIMEOUT_MS,
        headers: { 'user-agent': 'wasmctl', 'content-length': String(bodyLength(body)), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_ANSWER) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8').slice(0, MAX_ANSWER) }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no progress for ${IDLE_TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
    if (body === undefined || Buffer.isBuffer(body) || body.end <= body.start) {
      req.end(Buffer.isBuffer(body) ? body : undefined);
      if (Buffer.isBuffer(body) && onBytes) onBytes(body.length);
      return;
    }
    const file = createReadStream(body.path, { start: body.start, end: body.end - 1, highWaterMark: 1024 * 1024 });
    // A registry may answer (413, 401) before the body is sent: the answer wins, the write error is dropped.
    pipeline([file, ...(onBytes ? [new Counter(onBytes)] : []), req] as unknown as NodeJS.ReadWriteStream[]).catch(() => undefined);
  });
}
