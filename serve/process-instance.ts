/**
 * A proxy-wasm instance in a child process of its own (runtime-bridge's instance-process.cts),
 * which is what lets serve stop it whatever the module does: SIGKILL, where a Worker thread in a
 * memory.grow loop ignores terminate(). One frame exchange at a time over the child's fd 3; the
 * host calls it makes in between are answered here, from the runtime API.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import { describeError, WasmctlError } from '../common/index.js';
import {
  AbiStatus,
  encodeFrame,
  formatDuration,
  FrameReader,
  workerFile,
  type FromInstance,
  type FunctionDef,
  type ToInstance,
} from '../runtime-bridge/index.js';
import type { FunctionInstance, FunctionRequest, FunctionResponse, InstanceHost } from './types.js';

const ENTRY = workerFile(import.meta.url, '../runtime-bridge/engine/worker/instance-process');
/**
 * The JS heap only marshals frames and host calls (Wasm memories are not part of it); a small
 * young generation keeps each process's footprint down.
 */
const NODE_FLAGS = [
  '--max-semi-space-size=1',
  '--max-old-space-size=64',
  ...(ENTRY.endsWith('.cts') ? ['--require', createRequire(import.meta.url).resolve('tsx/cjs')] : []),
];

type Answer = Exclude<FromInstance, { type: 'call' }>;

export class ProcessInstance implements FunctionInstance {
  readonly ended: Promise<string>;
  private readonly child;
  private readonly socket: Socket;
  private readonly reader = new FrameReader();
  private op: { resolve(answer: Answer): void; reject(err: Error): void; timer: NodeJS.Timeout } | null = null;
  /** Why it ended (or is ending); nothing may be sent once set. */
  private gone: Error | null = null;

  constructor(
    private readonly def: FunctionDef,
    private readonly host: InstanceHost,
  ) {
    // Its stdout joins serve's logs on stderr: serve's stdout carries its addresses.
    this.child = spawn(process.execPath, [...NODE_FLAGS, ENTRY], { stdio: ['ignore', 2, 2, 'pipe'] });
    this.socket = this.child.stdio[3] as Socket;
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk));
    // A broken socket means the process is ending: its 'close' tells.
    this.socket.on('error', () => undefined);
    this.child.on('error', (err) => this.kill(new WasmctlError('Internal', `function ${def.label}: cannot start its process: ${err.message}`)));
    this.ended = new Promise((resolve) =>
      this.child.once('close', (code, signal) => {
        this.gone ??= new WasmctlError('Internal', `function ${def.label}: its instance process ended (${signal ?? `exit ${code}`})`);
        this.settle(null);
        resolve(this.gone.message);
      }),
    );
  }

  get alive(): boolean {
    return this.gone === null;
  }

  async start(): Promise<string | null> {
    const { hostCalls, jsonLogs } = this.host;
    const config = { jsonLogs, imports: hostCalls.imports, workerModule: hostCalls.workerModule ?? null };
    const answer = await this.exchange({ type: 'start', config, def: this.def }, 'start');
    if (answer.type !== 'ready') throw this.unexpected(answer, 'start');
    return answer.moduleId;
  }

  async request(request: FunctionRequest): Promise<FunctionResponse> {
    const answer = await this.exchange({ type: 'request', headers: request.headers, body: request.body }, 'request');
    if (answer.type !== 'response') throw this.unexpected(answer, 'request');
    const { status, headers, body } = answer;
    return { status, headers, body: Buffer.from(body.buffer, body.byteOffset, body.byteLength) };
  }

  kill(reason: Error): void {
    this.gone ??= reason;
    this.settle(null);
    this.child.kill('SIGKILL');
  }

  private exchange(message: ToInstance, what: string): Promise<Answer> {
    if (this.gone) return Promise.reject(this.gone);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // Stuck in Wasm (or waiting on a host call): only the process's end stops it.
        this.kill(new WasmctlError('Internal', `function ${this.def.label}: ${what} exceeded --timeout ${formatDuration(this.host.timeoutMs)}`));
      }, this.host.timeoutMs);
      this.op = { resolve, reject, timer };
      this.socket.write(encodeFrame(message));
    });
  }

  private receive(chunk: Buffer): void {
    this.reader.push(chunk);
    for (let message = this.reader.next<FromInstance>(); message; message = this.reader.next<FromInstance>()) {
      if (message.type === 'call') void this.answerCall(message.method, message.payload);
      else this.settle(message);
    }
  }

  private async answerCall(method: string, payload: Uint8Array): Promise<void> {
    let reply: ToInstance;
    try {
      const { status, data } = await this.host.hostCalls.handle(method, payload);
      reply = { type: 'reply', status, data };
    } catch (err) {
      reply = { type: 'reply', status: AbiStatus.InternalFailure, data: new TextEncoder().encode(describeError(err)) };
    }
    if (!this.gone) this.socket.write(encodeFrame(reply));
  }

  /** Ends the operation in flight: with the instance's answer, or (null) with why it is gone. */
  private settle(answer: Answer | null): void {
    const op = this.op;
    if (!op) return;
    this.op = null;
    clearTimeout(op.timer);
    if (answer) op.resolve(answer);
    else op.reject(this.gone as Error);
  }

  /** Internal → HTTP 500: the function failed, not the request. */
  private unexpected(answer: Answer, what: string): WasmctlError {
    const detail = answer.type === 'failed' ? answer.message : `unexpected ${answer.type} answer to ${what}`;
    return new WasmctlError('Internal', `function ${this.def.label}: ${detail}`);
  }
}
