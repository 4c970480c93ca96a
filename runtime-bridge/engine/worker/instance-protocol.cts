/**
 * What `wasmctl serve` and one of its instance processes tell each other over the process's fd 3
 * (a socket pair): frames of a u32 LE length and a v8-serialized message. The exchange is
 * strictly one at a time: the instance says `booted` once Node has started it (so that a slow boot
 * does not count against the module's timeout); then serve sends `start` or `request`; the instance answers with exactly one
 * `ready`, `response` or `failed`, and before it any number of `call`s, each answered by `reply`.
 * So the instance needs no event loop: it blocks on read(2), and serve can always SIGKILL it.
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

export function encodeFrame(message: ToInstance | FromInstance): Buffer {
  const body = serialize(message);
  const frame = Buffer.allocUnsafe(4 + body.length);
  frame.writeUInt32LE(body.length, 0);
  body.copy(frame, 4);
  return frame;
}

/** Reassembles frames from chunks as they arrive (a read may hold part of one, or several). */
export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
  }

  /** The next whole message, or undefined until more bytes arrive. */
  next<T>(): T | undefined {
    if (this.pending.length < 4) return undefined;
    const size = this.pending.readUInt32LE(0);
    if (this.pending.length < 4 + size) return undefined;
    const message = deserialize(this.pending.subarray(4, 4 + size)) as T;
    this.pending = this.pending.subarray(4 + size);
    return message;
  }
}
