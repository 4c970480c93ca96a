/**
 * ttrpc's wire framing. There is no maintained ttrpc package on npm, and the format is small:
 * a 10-byte header (data length u32 BE, stream id u32 BE, message type u8, flags u8) then data.
 */
import { WasmctlError } from '../../common/index.js';

export const HEADER_LENGTH = 10;
/** ttrpc's messageLengthMax; larger frames are refused with ResourceExhausted. */
export const MAX_MESSAGE_LENGTH = 4 << 20;

export const MessageType = { Request: 1, Response: 2, Data: 3 } as const;

export interface Frame {
  streamId: number;
  type: number;
  flags: number;
  data: Buffer;
}

export function encodeFrame(streamId: number, type: number, data: Uint8Array): Buffer {
  if (data.length > MAX_MESSAGE_LENGTH) {
    throw new WasmctlError('ResourceExhausted', `ttrpc message of ${data.length} bytes exceeds the ${MAX_MESSAGE_LENGTH}-byte limit`);
  }
  const frame = Buffer.allocUnsafe(HEADER_LENGTH + data.length);
  frame.writeUInt32BE(data.length, 0);
  frame.writeUInt32BE(streamId, 4);
  frame.writeUInt8(type, 8);
  frame.writeUInt8(0, 9);
  frame.set(data, HEADER_LENGTH);
  return frame;
}

/**
 * Cuts a byte stream into frames. An oversized frame's data is skipped, not buffered, and reported
 * through `onOversized` so the server can answer ResourceExhausted on that stream and go on.
 */
export class FrameDecoder {
  private buffered: Buffer = Buffer.alloc(0);
  private skipping = 0;

  constructor(
    private readonly onFrame: (frame: Frame) => void,
    private readonly onOversized: (streamId: number, length: number) => void,
  ) {}

  push(chunk: Buffer): void {
    let input = chunk;
    if (this.skipping > 0) {
      const skipped = Math.min(this.skipping, input.length);
      this.skipping -= skipped;
      input = input.subarray(skipped);
    }
    this.buffered = this.buffered.length === 0 ? input : Buffer.concat([this.buffered, input]);
    while (this.buffered.length >= HEADER_LENGTH) {
      const length = this.buffered.readUInt32BE(0);
      const streamId = this.buffered.readUInt32BE(4);
      if (length > MAX_MESSAGE_LENGTH) {
        const available = this.buffered.length - HEADER_LENGTH;
        this.skipping = Math.max(0, length - available);
        this.buffered = this.buffered.subarray(HEADER_LENGTH + Math.min(length, available));
        this.onOversized(streamId, length);
        continue;
      }
      if (this.buffered.length < HEADER_LENGTH + length) return;
      const frame: Frame = {
        streamId,
        type: this.buffered.readUInt8(8),
        flags: this.buffered.readUInt8(9),
        data: Buffer.from(this.buffered.subarray(HEADER_LENGTH, HEADER_LENGTH + length)),
      };
      this.buffered = this.buffered.subarray(HEADER_LENGTH + length);
      this.onFrame(frame);
    }
  }
}
