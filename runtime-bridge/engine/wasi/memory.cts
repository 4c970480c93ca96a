/**
 * Bounds-checked access to an instance's linear memory. Views are rebuilt on each access
 * because `memory.grow` detaches the old buffer. Any pointer or length outside the memory
 * throws RangeError, which the WASI wrappers answer with EFAULT.
 */
const utf8 = new TextDecoder('utf-8', { fatal: false });
const encoder = new TextEncoder();

export class GuestMemory {
  private cachedBuffer: ArrayBuffer | null = null;
  private cachedView: DataView | null = null;

  constructor(private readonly memory: WebAssembly.Memory) {}

  /** One DataView per buffer: a call reads and writes several words, and grow replaces the buffer. */
  private view(): DataView {
    const buffer = this.memory.buffer;
    if (buffer !== this.cachedBuffer) {
      this.cachedBuffer = buffer;
      this.cachedView = new DataView(buffer);
    }
    return this.cachedView as DataView;
  }

  /** A live window onto [ptr, ptr+len); valid until the memory grows. */
  bytes(ptr: number, len: number): Uint8Array {
    const buffer = this.memory.buffer;
    if (ptr < 0 || len < 0 || ptr + len > buffer.byteLength) throw new RangeError('pointer out of bounds');
    return new Uint8Array(buffer, ptr, len);
  }

  string(ptr: number, len: number): string {
    return utf8.decode(this.bytes(ptr, len));
  }

  u8(ptr: number, value: number): void {
    this.view().setUint8(ptr, value);
  }

  u16(ptr: number, value: number): void {
    this.view().setUint16(ptr, value, true);
  }

  u32(ptr: number, value: number): void {
    this.view().setUint32(ptr, value, true);
  }

  u64(ptr: number, value: bigint | number): void {
    this.view().setBigUint64(ptr, BigInt(value), true);
  }

  readU32(ptr: number): number {
    return this.view().getUint32(ptr, true);
  }

  readU64(ptr: number): bigint {
    return this.view().getBigUint64(ptr, true);
  }

  /** Copies `data` in at `ptr`. */
  write(ptr: number, data: Uint8Array): void {
    this.bytes(ptr, data.length).set(data);
  }

  /** The memory's current buffer (the native calls read iovecs and data straight from it). */
  buffer(): ArrayBuffer | SharedArrayBuffer {
    return this.memory.buffer;
  }

  /** The bytes an iovec array names in all. */
  iovecsLength(ptr: number, count: number): number {
    let total = 0;
    for (let i = 0; i < count; i++) total += this.readU32(ptr + i * 8 + 4);
    return total;
  }

  /** The (buf, len) pairs of an iovec array, as live windows. */
  iovecs(ptr: number, count: number): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      out.push(this.bytes(this.readU32(ptr + i * 8), this.readU32(ptr + i * 8 + 4)));
    }
    return out;
  }
}

export const encodeUtf8 = (s: string): Uint8Array => encoder.encode(s);

/** The instance, once there is one: WASI calls and host functions reach memory and exports here. */
export class InstanceRef {
  private instance: WebAssembly.Instance | null = null;
  private guestMemory: GuestMemory | null = null;

  bind(instance: WebAssembly.Instance): void {
    this.instance = instance;
    const mem = instance.exports.memory;
    this.guestMemory = mem instanceof WebAssembly.Memory ? new GuestMemory(mem) : null;
  }

  exports(): WebAssembly.Exports {
    if (!this.instance) throw new Error('called into the host before the module was instantiated');
    return this.instance.exports;
  }

  memory(): GuestMemory {
    if (!this.guestMemory) throw new RangeError('the module exports no memory');
    return this.guestMemory;
  }
}
