/**
 * gRPC's length-prefixed messages on an HTTP/2 stream (a flag byte, a 4-byte big-endian length,
 * the message), and grpc-message's percent-encoding: shared by our client and our server.
 */

export function frame(message: Uint8Array): Buffer {
  const framed = Buffer.allocUnsafe(5 + message.length);
  framed[0] = 0;
  framed.writeUInt32BE(message.length, 1);
  framed.set(message, 5);
  return framed;
}

export class FrameError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Splits DATA chunks into messages; refuses compressed ones (none is negotiated) and oversized ones. */
export class FrameDecoder {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly maxMessageBytes: number) {}

  push(chunk: Buffer): Buffer[] {
    let buffer = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const messages: Buffer[] = [];
    while (buffer.length >= 5) {
      const length = buffer.readUInt32BE(1);
      if (buffer[0] !== 0) throw new FrameError(13, 'a compressed message arrived, but no grpc-encoding was negotiated');
      if (length > this.maxMessageBytes) {
        throw new FrameError(8, `Received message larger than max (${length} vs. ${this.maxMessageBytes})`);
      }
      if (buffer.length < 5 + length) break;
      messages.push(buffer.subarray(5, 5 + length));
      buffer = buffer.subarray(5 + length);
    }
    this.pending = buffer;
    return messages;
  }
}

/** gRPC's rule: bytes outside printable ASCII, and '%', as %XX of their UTF-8. */
export const encodeGrpcMessage = (message: string): string => message.replace(/[^\x20-\x24\x26-\x7e]+/g, (run) => encodeURIComponent(run));

export function decodeGrpcMessage(value: unknown): string {
  if (typeof value !== 'string') return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
