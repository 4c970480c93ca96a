/**
 * What `wasmctl serve` and one of its instance processes tell each other over the process's fd 3
 * (a socket pair), in frames (below). The exchange is strictly one at a time: the instance says
 * `booted` once Node has started it (so that a slow boot does not count against the module's
 * timeout); then serve sends `start` or `request`; the instance answers with exactly one `ready`,
 * `response` or `failed`, and before it any number of `call`s, each answered by `reply`. So the
 * instance needs no event loop: it blocks on read(2), and serve can always SIGKILL it.
 */
import { deserialize, serialize } from 'node:v8';
import type { HeaderPairs, LocalResponse } from '../../abi/proxy-state.cjs';
import type { HostCallReply } from '../../types.js';
import type { ComponentDef } from '../component/http/component-process.cjs';
import type { HttpRequest } from '../component/http/types.cjs';

/** What every instance of a serve process links against, besides its function. */
export interface InstanceConfig {
  /** proxy_log lines as JSON objects (`serve --json`) rather than text. */
  jsonLogs: boolean;
  /** Layotto's runtime host functions (`env.*`) answered by serve. */
  imports: string[];
  /** CommonJS file whose `hostImports` implement some of `imports`. */
  workerModule: string | null;
}

/** A function module as an instance is made from: the (capped) bytes, compiled in the instance. */
export interface FunctionDef {
  bytes: Uint8Array;
  /** Names the function in its log lines. */
  label: string;
  rootfs: string | null;
  args: string[];
  env: string[];
}

export type ToInstance =
  | { type: 'start'; config: InstanceConfig; def: FunctionDef | ComponentDef }
  | { type: 'request'; headers: HeaderPairs; body: Uint8Array }
  /** A wasi:http/proxy component's request (`def` was a ComponentDef). */
  | { type: 'http'; request: HttpRequest }
  /** The answer to the instance's `call`. */
  | ({ type: 'reply' } & HostCallReply);

export type FromInstance =
  | { type: 'booted' }
  | { type: 'ready'; moduleId: string | null }
  | ({ type: 'response' } & LocalResponse)
  /** The operation failed (trap, exit); `lost`: no new instance could be made, the process ends. */
  | { type: 'failed'; message: string; lost: boolean }
  /** A runtime host call (Layotto's API): serve answers it with `reply`. */
  | { type: 'call'; method: string; payload: Uint8Array };

/**
 * A frame is a u32 LE length of what follows, a tag byte, then the message. The four messages of
 * every request (request, response, call, reply) have a layout of their own, written and read
 * field by field: v8's serializer cost more than the rest of an instance's JS per request. Any
 * other message (booted, start, ready, failed) is v8-serialized under tag 0.
 */
const enum Tag {
  Serialized = 0,
  Request = 1,
  Response = 2,
  Call = 3,
  Reply = 4,
}
const HEAD = 5;

const pairsSize = (pairs: HeaderPairs) =>
  pairs.reduce((sum, [name, value]) => sum + 8 + Buffer.byteLength(name) + Buffer.byteLength(value), 4);

/** Writes `text` as a u32 length and its UTF-8 bytes at `at`; returns where it ends. */
function putString(frame: Buffer, at: number, text: string): number {
  const size = frame.write(text, at + 4);
  frame.writeUInt32LE(size, at);
  return at + 4 + size;
}

function putPairs(frame: Buffer, at: number, pairs: HeaderPairs): number {
  frame.writeUInt32LE(pairs.length, at);
  let end = at + 4;
  for (const [name, value] of pairs) end = putString(frame, putString(frame, end, name), value);
  return end;
}

/** The frame's head and room for `size` bytes of message after it. */
function frameOf(tag: Tag, size: number): Buffer {
  const frame = Buffer.allocUnsafe(HEAD + size);
  frame.writeUInt32LE(1 + size, 0);
  frame[4] = tag;
  return frame;
}

export function encodeFrame(message: ToInstance | FromInstance): Buffer {
  switch (message.type) {
    case 'request':
    case 'response': {
      const isRequest = message.type === 'request';
      const frame = frameOf(isRequest ? Tag.Request : Tag.Response, (isRequest ? 0 : 4) + pairsSize(message.headers) + message.body.length);
      let at = HEAD;
      if (!isRequest) at = frame.writeUInt32LE(message.status, at);
      frame.set(message.body, putPairs(frame, at, message.headers));
      return frame;
    }
    case 'call': {
      const frame = frameOf(Tag.Call, 4 + Buffer.byteLength(message.method) + message.payload.length);
      frame.set(message.payload, putString(frame, HEAD, message.method));
      return frame;
    }
    case 'reply': {
      const frame = frameOf(Tag.Reply, 4 + message.data.length);
      frame.set(message.data, frame.writeUInt32LE(message.status, HEAD));
      return frame;
    }
    default: {
      const body = serialize(message);
      const frame = frameOf(Tag.Serialized, body.length);
      body.copy(frame, HEAD);
      return frame;
    }
  }
}

/** Reads one message's fields in order; the last (a body) is the rest of the frame. */
class Fields {
  constructor(
    private readonly frame: Buffer,
    private at: number,
  ) {}

  u32(): number {
    const value = this.frame.readUInt32LE(this.at);
    this.at += 4;
    return value;
  }

  string(): string {
    const size = this.u32();
    this.at += size;
    return this.frame.toString('utf8', this.at - size, this.at);
  }

  pairs(): HeaderPairs {
    const pairs: HeaderPairs = new Array(this.u32());
    for (let i = 0; i < pairs.length; i++) pairs[i] = [this.string(), this.string()];
    return pairs;
  }

  rest(): Uint8Array {
    return this.frame.subarray(this.at);
  }
}

function decode(frame: Buffer): ToInstance | FromInstance {
  const fields = new Fields(frame, 1);
  switch (frame[0]) {
    case Tag.Request:
      return { type: 'request', headers: fields.pairs(), body: fields.rest() };
    case Tag.Response:
      return { type: 'response', status: fields.u32(), headers: fields.pairs(), body: fields.rest() };
    case Tag.Call:
      return { type: 'call', method: fields.string(), payload: fields.rest() };
    case Tag.Reply:
      return { type: 'reply', status: fields.u32(), data: fields.rest() };
    default:
      return deserialize(frame.subarray(1)) as ToInstance | FromInstance;
  }
}

/**
 * Reassembles frames from chunks as they arrive (a read may hold part of one, or several). The
 * messages' bodies are views of the chunks: a chunk pushed must not be written to afterwards.
 */
export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
  }

  /** The next whole message, or undefined until more bytes arrive. */
  next<T extends ToInstance | FromInstance>(): T | undefined {
    if (this.pending.length < 4) return undefined;
    const size = this.pending.readUInt32LE(0);
    if (this.pending.length < 4 + size) return undefined;
    const message = decode(this.pending.subarray(4, 4 + size)) as T;
    this.pending = this.pending.subarray(4 + size);
    return message;
  }
}
