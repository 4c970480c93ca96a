/**
 * A loopback HTTP forwarder in front of a real registry, as nginx would sit there: it records
 * every request (method and path) so tests can count what a client sent, and can answer 413 for
 * bodies over a limit (nginx's client_max_body_size) or 503 for the first N requests (a flaky
 * front end). The Host header is passed on, so the registry's upload Locations point back at it.
 */
import { type IncomingMessage, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyOptions {
  maxBodyBytes?: number;
  /** Answer 503 to this many requests before forwarding any. */
  failFirst?: number;
}

export interface CountingProxy {
  host: string;
  requests: Array<{ method: string; path: string; status: number }>;
  set(options: ProxyOptions): void;
  stop(): Promise<void>;
}

export async function startProxy(target: string, initial: ProxyOptions = {}): Promise<CountingProxy> {
  let options = { ...initial };
  const requests: CountingProxy['requests'] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const record = (status: number) => requests.push({ method: req.method ?? '', path: req.url ?? '', status });
    const length = Number(req.headers['content-length'] ?? 0);
    if (options.failFirst && options.failFirst > 0) {
      options.failFirst--;
      record(503);
      req.resume();
      res.writeHead(503, { 'content-type': 'text/plain' }).end('try later');
      return;
    }
    if (options.maxBodyBytes !== undefined && length > options.maxBodyBytes) {
      record(413);
      // As nginx: answer at once, then read the body away and close.
      res.writeHead(413, { 'content-type': 'text/html', connection: 'close' }).end('<html>413 Request Entity Too Large</html>');
      req.resume();
      return;
    }
    const upstream = request(
      { host: '127.0.0.1', port: Number(target.split(':')[1]), method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        record(answer.statusCode ?? 0);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    set(next) {
      options = { ...next };
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
