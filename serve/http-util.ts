import type { IncomingMessage, Server } from 'node:http';
import { WasmctlError } from '../common/index.js';

export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) {
        chunks.push(chunk);
        return;
      }
      // Drain the rest instead of destroying the socket, so the client gets the error response.
      req.off('data', collect);
      chunks.length = 0;
      req.resume();
      reject(new WasmctlError('InvalidArgument', `request body exceeds ${limitBytes} bytes`));
    };
    req.on('data', collect);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** `host:port` (or `:port`, or a port) → listening server; port 0 picks a free one. */
export function listen(server: Server, address: string): Promise<string> {
  const match = /^(?:(.*):)?(\d+)$/.exec(address);
  if (!match) return Promise.reject(new WasmctlError('InvalidArgument', `invalid listen address "${address}"`, { hint: 'use host:port' }));
  const host = (match[1] || '127.0.0.1').replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new WasmctlError('Unavailable', `cannot listen on ${address}: ${err.code ?? err.message}`, {
          hint: 'is another server on that port?',
        }),
      ),
    );
    server.listen(Number(match[2]), host, () => {
      const bound = server.address();
      resolve(typeof bound === 'object' && bound ? `${host.includes(':') ? `[${host}]` : host}:${bound.port}` : address);
    });
  });
}

/**
 * Stops accepting and resolves once every in-flight request has been answered. Keep-alive
 * connections that go idle after their last response are closed as they do, rather than held
 * open for their keep-alive timeout.
 */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 20);
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}
