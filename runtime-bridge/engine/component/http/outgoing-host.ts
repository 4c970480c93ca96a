/**
 * The sending side of components' outgoing HTTP (outgoing-wire.cts): wraps a run's or serve's
 * runtime host calls so that the wasi:http/outgoing-handler call is answered here, on the main
 * event loop, by fetch — for the hosts --allow-http names only. A host is compared as written
 * (no name is resolved), redirects are handed to the guest rather than followed (a redirect
 * must not take a request to a host the list does not name), and a response body is bounded.
 */
import { WasmctlError } from '../../../../common/index.js';
import { AbiStatus } from '../../../abi/status.cjs';
import type { HostCallReply, HostCalls } from '../../../types.js';
import { decodeWire, encodeWire, OUTGOING_HTTP, type ErrorCode, type IncomingWire, type OutgoingWire } from './outgoing-wire.cjs';

/** `--allow-http HOST[:PORT]`: a host on any port, or on that port only. */
export interface AllowedHost {
  host: string;
  port: number | null;
}

const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
/** A request the guest gave no timeout (the instance's own timeout still applies). */
const DEFAULT_TIMEOUT_MS = 30_000;
/** Headers of one connection, which fetch sets itself. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'proxy-connection', 'host']);
const decoder = new TextDecoder();
const encoder = new TextEncoder();

export function parseAllowedHost(text: string): AllowedHost {
  let url: URL | undefined;
  try {
    url = new URL(`http://${text}`);
  } catch {
    url = undefined;
  }
  if (!url || url.host !== text.toLowerCase() || url.username || url.password) {
    throw new WasmctlError('InvalidArgument', `--allow-http ${text} is not HOST[:PORT]`, { hint: '--allow-http 127.0.0.1:8080' });
  }
  return { host: url.hostname, port: url.port === '' ? null : Number(url.port) };
}

/** The request's URL when its scheme and authority are well formed and allowed; else why not. */
function target(wire: OutgoingWire, allowed: readonly AllowedHost[]): URL | IncomingWire {
  if (wire.scheme !== 'http' && wire.scheme !== 'https') return { err: { tag: 'HTTP-protocol-error' } };
  let url: URL;
  try {
    url = new URL(`${wire.scheme}://${wire.authority}${wire.pathWithQuery.startsWith('/') ? '' : '/'}${wire.pathWithQuery}`);
  } catch {
    return { err: { tag: 'HTTP-request-URI-invalid' } };
  }
  if (url.username || url.password || url.host !== wire.authority.toLowerCase()) return { err: { tag: 'HTTP-request-URI-invalid' } };
  const port = url.port === '' ? (wire.scheme === 'https' ? 443 : 80) : Number(url.port);
  const ok = allowed.some((a) => a.host === url.hostname && (a.port === null || a.port === port));
  return ok ? url : { err: { tag: 'HTTP-request-denied' } };
}

/** fetch's failure as wasi:http names it. */
function errorCode(err: unknown): ErrorCode {
  if (err instanceof DOMException && err.name === 'TimeoutError') return { tag: 'connection-timeout' };
  const code = (err as { cause?: { code?: string } }).cause?.code;
  if (code === 'ECONNREFUSED') return { tag: 'connection-refused' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { tag: 'DNS-error', val: {} };
  if (code === 'ECONNRESET') return { tag: 'connection-terminated' };
  return {
    tag: 'internal-error',
    val: err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err),
  };
}

async function send(wire: OutgoingWire, allowed: readonly AllowedHost[]): Promise<IncomingWire> {
  const url = target(wire, allowed);
  if (!(url instanceof URL)) return url;
  const headers = wire.headers.filter(([name]) => !HOP_BY_HOP.has(name)).map(([n, v]) => [n, decoder.decode(v)] as [string, string]);
  try {
    const response = await fetch(url, {
      method: wire.method,
      headers,
      ...(wire.body.length > 0 ? { body: wire.body } : {}),
      redirect: 'manual',
      signal: AbortSignal.timeout(wire.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    if (Number(response.headers.get('content-length') ?? 0) > MAX_RESPONSE_BYTES) {
      await response.body?.cancel();
      return { err: { tag: 'HTTP-response-body-size' } };
    }
    const body = new Uint8Array(await response.arrayBuffer());
    if (body.length > MAX_RESPONSE_BYTES) return { err: { tag: 'HTTP-response-body-size' } };
    return { ok: { status: response.status, headers: [...response.headers].map(([n, v]) => [n, encoder.encode(v)]), body } };
  } catch (err) {
    return { err: errorCode(err) };
  }
}

/** `hostCalls` with components' outgoing HTTP answered here, for `allowed` hosts only. */
export function withOutgoingHttp(hostCalls: HostCalls, allowed: readonly AllowedHost[]): HostCalls {
  return {
    ...hostCalls,
    handle: async (method, payload): Promise<HostCallReply> =>
      method === OUTGOING_HTTP
        ? { status: AbiStatus.Ok, data: encodeWire(await send(decodeWire<OutgoingWire>(payload), allowed)) }
        : hostCalls.handle(method, payload),
  };
}
