/**
 * serve's side of an instance process (instance-process.cts): spawns it, speaks the frame protocol
 * (instance-protocol.cts), answers the host calls it makes in between from `handle`, and stops it
 * whatever the module does: SIGKILL, where a Worker thread in a memory.grow loop ignores
 * terminate(). One operation at a time, each under the timeout.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Socket } from 'node:net';
import type { HeaderPairs, LocalResponse } from '../../abi/proxy-state.cjs';
import { AbiStatus } from '../../abi/status.cjs';
import type { HostCallReply } from '../../types.js';
import type { ComponentDef } from '../component/http/component-process.cjs';
import type { HttpRequest } from '../component/http/types.cjs';
import {
  encodeFrame,
  FrameReader,
  type FromInstance,
  type FunctionDef,
  type InstanceConfig,
  type ToInstance,
} from './instance-protocol.cjs';

export interface InstanceHostOptions {
  /** The instance process's main (instance-process, as found for this build). */
  entry: string;
  config: InstanceConfig;
  /** Answers the instance's runtime host calls. */
  handle(method: string, payload: Uint8Array): Promise<HostCallReply> | HostCallReply;
  /** Per operation: the start, or a request with what it invokes. */
  timeoutMs: number;
  /** How the timeout is written in messages (`30s`). */
  timeoutText: string;
  /** What an operation past the timeout fails with, when not the function's failure (500). */
  timeoutError?: (message: string) => Error;
}

/**
 * The JS heap only marshals frames and host calls (Wasm memories are not part of it); a small
 * young generation keeps each process's footprint down, and collecting it on the main thread
 * spares the wakes of GC helper threads, on cores the other instances and serve need (demo load:
 * instance CPU per request 0.75-0.92x with it, bench/demo-load.ts).
 */
const NODE_FLAGS = ['--max-semi-space-size=1', '--max-old-space-size=64', '--single-threaded-gc'];
/**
 * util-linux's setpriv (Debian's essential set) starts the process with SIGKILL as its parent-death
 * signal: should serve itself be killed, an instance stuck in a loop dies with it rather than
 * burn a core for ever (a healthy one ends anyway, on its socket's end).
 */
const SETPRIV = '/usr/bin/setpriv';
const launcher = (args: string[]): [string, string[]] =>
  existsSync(SETPRIV) ? [SETPRIV, ['--pdeathsig', 'KILL', process.execPath, ...args]] : [process.execPath, args];
/** Longest Node may take to start an instance process (a loaded machine), apart from the module's timeout. */
const BOOT_TIMEOUT_MS = 10_000;

type Answer = Exclude<FromInstance, { type: 'call' | 'booted' }>;

export class InstanceProcess {
  /** Resolves once the process has ended, with why. */
  readonly ended: Promise<string>;
  private readonly child;
  private readonly socket: Socket;
  private readonly reader = new FrameReader();
  private op: { resolve(answer: Answer): void; reject(err: Error): void; timer?: NodeJS.Timeout } | null = null;
  /** Until the process says it has booted: then the first operation is sent, and its timeout starts. */
  private booting: { timer: NodeJS.Timeout; then?: () => void } | null;
  /** Why it ended (or is ending); nothing may be sent once set. */
  private gone: Error | null = null;

  constructor(
    private readonly def: FunctionDef | ComponentDef,
    private readonly options: InstanceHostOptions,
  ) {
    // From source (the tests), the .cts runs through tsx's require hook (found as workerBoot finds it).
    const tsx = options.entry.endsWith('.cts') ? ['--import', 'tsx'] : [];
    // Its stdout joins serve's logs on stderr: serve's stdout carries its addresses.
    const [file, args] = launcher([...NODE_FLAGS, ...tsx, options.entry]);
    this.child = spawn(file, args, { stdio: ['ignore', 2, 2, 'pipe'] });
    this.socket = this.child.stdio[3] as Socket;
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk));
    // A broken socket means the process is ending: its 'close' tells.
    this.socket.on('error', () => undefined);
    this.child.on('error', (err) => this.kill(this.failure(`cannot start its process: ${err.message}`)));
    this.booting = {
      timer: setTimeout(() => this.kill(this.failure(`its process did not start within ${BOOT_TIMEOUT_MS / 1000}s`)), BOOT_TIMEOUT_MS),
    };
    this.ended = new Promise((resolve) =>
      this.child.once('close', (code, signal) => {
        this.gone ??= this.failure(`its instance process ended (${signal ?? `exit ${code}`})`);
        this.settle(null);
        resolve(this.gone.message);
      }),
    );
  }

  get alive(): boolean {
    return this.gone === null;
  }

  /** Compiles and starts the instance; resolves with the id the module gives itself. */
  async start(): Promise<string | null> {
    const answer = await this.exchange({ type: 'start', config: this.options.config, def: this.def }, 'start');
    if (answer.type !== 'ready') throw this.unexpected(answer, 'start');
    return answer.moduleId;
  }

  async request(headers: HeaderPairs, body: Uint8Array): Promise<LocalResponse> {
    const answer = await this.exchange({ type: 'request', headers, body }, 'request');
    if (answer.type !== 'response') throw this.unexpected(answer, 'request');
    return answer;
  }

  /** A wasi:http/proxy component's request (the process was started with a ComponentDef). */
  async handleHttp(request: HttpRequest): Promise<LocalResponse> {
    const answer = await this.exchange({ type: 'http', request }, 'request');
    if (answer.type !== 'response') throw this.unexpected(answer, 'request');
    return answer;
  }

  /** Stops it now; the operation in flight fails with `reason`. */
  kill(reason: Error): void {
    this.gone ??= reason;
    if (this.booting) clearTimeout(this.booting.timer);
    this.settle(null);
    this.child.kill('SIGKILL');
  }

  private exchange(message: ToInstance, what: string): Promise<Answer> {
    if (this.gone) return Promise.reject(this.gone);
    return new Promise((resolve, reject) => {
      const op: NonNullable<typeof this.op> = { resolve, reject };
      this.op = op;
      const send = () => {
        // Stuck in Wasm (or waiting on a host call): only the process's end stops it.
        op.timer = setTimeout(() => {
          const failure = this.failure(`${what} exceeded --timeout ${this.options.timeoutText}`);
          this.kill(this.options.timeoutError?.(failure.message) ?? failure);
        }, this.options.timeoutMs);
        this.socket.write(encodeFrame(message));
      };
      if (this.booting) this.booting.then = send;
      else send();
    });
  }

  private receive(chunk: Buffer): void {
    this.reader.push(chunk);
    for (let message = this.reader.next<FromInstance>(); message; message = this.reader.next<FromInstance>()) {
      if (message.type === 'call') void this.answerCall(message.method, message.payload);
      else if (message.type === 'booted') this.booted();
      else this.settle(message);
    }
  }

  private booted(): void {
    const booting = this.booting;
    if (!booting) return;
    this.booting = null;
    clearTimeout(booting.timer);
    booting.then?.();
  }

  private async answerCall(method: string, payload: Uint8Array): Promise<void> {
    let reply: ToInstance;
    try {
      const { status, data } = await this.options.handle(method, payload);
      reply = { type: 'reply', status, data };
    } catch (err) {
      reply = {
        type: 'reply',
        status: AbiStatus.InternalFailure,
        data: new TextEncoder().encode(err instanceof Error ? err.message : String(err)),
      };
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

  private unexpected(answer: Answer, what: string): Error {
    return this.failure(answer.type === 'failed' ? answer.message : `unexpected ${answer.type} answer to ${what}`);
  }

  /** The function failed, not the request (HTTP 500). */
  private failure(detail: string): Error {
    return new Error(`function ${this.def.label}: ${detail}`);
  }
}
