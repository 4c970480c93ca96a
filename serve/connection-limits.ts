/**
 * What a hostile client may hold of an HTTP listener: the time it may take to send a request, and
 * how many connections it may keep open, in total and from one address.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  /** Longest a client may take to send a request's headers (Node's headersTimeout), ms. */
  headersTimeoutMs: number;
  /** Longest a client may take to send a whole request, headers and body (requestTimeout), ms. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open after its last response, ms. */
  keepAliveTimeoutMs: number;
  /** Open connections in total. */
  maxConnections: number;
  /** Open connections from one client address. */
  maxConnectionsPerClient: number;
}

/** What `wasmctl serve` holds to when not told otherwise (its flags' defaults say the same). */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 4096,
  maxConnectionsPerClient: 256,
};

/** envoy's max_headers_count default: a request with more headers is answered 431 by Node. */
const MAX_HEADERS_COUNT = 100;

/**
 * An HTTP server that cuts slow clients (408 once the headers or the whole request take longer
 * than allowed) and caps its connections. Node's `server.maxConnections` only refuses once full,
 * so a flood of idle connections would lock healthy clients out until the timeouts fire; here, as
 * nginx reuses its keep-alive connections when out of them, a new connection at the cap closes the
 * connection that has been idle (or still sending its request) the longest. Only connections whose
 * request has fully arrived and is being answered are never closed to make room.
 */
export function createLimitedServer(limits: ConnectionLimits, handler: RequestListener): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node checks the two timeouts every 30 s by default: a 10 s limit could hold for 40 s.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, limits.headersTimeoutMs / 4)),
    },
    handler,
  );
  server.maxHeadersCount = MAX_HEADERS_COUNT;
  guardConnections(server, limits);
  return server;
}

function guardConnections(server: Server, limits: ConnectionLimits): void {
  let open = 0;
  const perClient = new Map<string, number>();
  /** Connections that may be closed to make room, the longest idle first (a Set keeps insertion order). */
  const evictable = new Set<Socket>();
  /** Each open connection's bookkeeping undone, once: at its close or when it is evicted. */
  const releases = new Map<Socket, () => void>();
  const release = (socket: Socket) => {
    releases.get(socket)?.();
    releases.delete(socket);
    evictable.delete(socket);
  };

  server.on('connection', (socket: Socket) => {
    const client = socket.remoteAddress ?? '';
    const fromClient = perClient.get(client) ?? 0;
    if (fromClient >= limits.maxConnectionsPerClient) return void socket.destroy();
    if (open >= limits.maxConnections) {
      const oldest = evictable.values().next();
      if (oldest.done) return void socket.destroy();
      release(oldest.value);
      oldest.value.destroy();
    }
    open += 1;
    perClient.set(client, fromClient + 1);
    evictable.add(socket);
    releases.set(socket, () => {
      open -= 1;
      const left = (perClient.get(client) ?? 1) - 1;
      if (left === 0) perClient.delete(client);
      else perClient.set(client, left);
    });
    socket.once('close', () => release(socket));
  });

  // The handlers read every body, so 'end' comes once a request has fully arrived (Node dumps an
  // unread one only after the response, hence the flag).
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    let answered = false;
    const answering = () => answered || evictable.delete(socket);
    if (req.complete) answering();
    else req.once('end', answering);
    res.once('close', () => {
      answered = true;
      if (!releases.has(socket)) return;
      // Idle again, and now the most recently active: last in line to be closed.
      evictable.delete(socket);
      evictable.add(socket);
    });
  });
}
