/**
 * A component's outgoing HTTP request as it crosses from its host interfaces (outgoing.cts, in the
 * instance's process or worker) to the process that sends it (outgoing-host.ts): one runtime host
 * call whose payload and reply are JSON, bytes in base64 (nothing here may keep `wasmctl run`'s
 * startup snapshot from holding it). The sender holds the --allow-http list, so a guest cannot
 * reach a host the user did not name, whatever it writes.
 */

export const OUTGOING_HTTP = 'wasi:http/outgoing-handler.handle';

export interface OutgoingWire {
  method: string;
  scheme: string;
  authority: string;
  pathWithQuery: string;
  headers: Array<[string, Uint8Array]>;
  body: Uint8Array;
  /** From the request's options (first byte, else connect), in ms. */
  timeoutMs: number | null;
}

/** wasi:http's error-code as jco hands a variant to the guest (`{ tag: 'HTTP-request-denied' }`). */
export interface ErrorCode {
  tag: string;
  val?: unknown;
}

export type IncomingWire = { ok: { status: number; headers: Array<[string, Uint8Array]>; body: Uint8Array } } | { err: ErrorCode };

const BYTES = '$base64';

export function encodeWire(value: OutgoingWire | IncomingWire): Uint8Array {
  const json = JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    // `this[key]`: a Buffer has been through its toJSON by the time `v` is handed over.
    const raw = this[key];
    return raw instanceof Uint8Array ? { [BYTES]: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64') } : v;
  });
  return Buffer.from(json);
}

export function decodeWire<T extends OutgoingWire | IncomingWire>(bytes: Uint8Array): T {
  return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(), (_key, v: unknown) =>
    typeof v === 'object' && v !== null && BYTES in v
      ? new Uint8Array(Buffer.from((v as Record<string, string>)[BYTES] as string, 'base64'))
      : v,
  ) as T;
}
