/** Worker side of the host-call hand-off: `callHost` blocks until the main thread answers. */
import type { ErrorKind } from '../../../common/errors.js';
import type { MessagePort } from 'node:worker_threads';
import { HEADER_BYTES, HostSlot, HostState, IN_PORT, SPIN_LOADS } from './host-layout.cjs';
import type { HostCallReply } from '../../types.js';

const encoder = new TextEncoder();

const BRAND = Symbol.for('wasmctl.HostCallError');

/**
 * A host call that could not be completed (deadline passed, channel broken); ends the run.
 * `instanceof` goes by a registered symbol, not by class identity: the bundled worker and a
 * host-import module bundled on its own (scripts/build.mjs) each carry a copy of this file.
 */
export class HostCallError extends Error {
  readonly [BRAND] = true;

  /** Unavailable: the channel is broken; DeadlineExceeded: no answer in time; NotFound: no such export. */
  constructor(
    message: string,
    readonly kind: ErrorKind = 'Unavailable',
  ) {
    super(message);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && BRAND in value;
  }
}

export interface HostChannelConfig {
  sab: SharedArrayBuffer;
  /** Carries requests and replies too big for the shared buffer. */
  port: MessagePort;
  /** Wakes the main thread when it is not polling. */
  wakePort: MessagePort;
  deadlineMs: number;
}

export type CallHost = (method: string, payload: Uint8Array) => HostCallReply;

/**
 * Where a module's host calls go: over the channel to the main thread (a module on a Worker), or
 * straight to the host's own handler (a module on the thread that answers, inline-run.ts).
 */
export type HostRoute = HostChannelConfig | { answer: CallHost };

export function hostCaller(route: HostRoute): CallHost {
  if ('answer' in route) return route.answer;
  const { sab, port, wakePort, deadlineMs } = route;
  // Taken here, not at load: the main thread runs this file's importers in the CLI's startup
  // snapshot (inline-run.ts), which node:worker_threads must not be loaded into.
  const { receiveMessageOnPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  const ctl = new Int32Array(sab, 0, HEADER_BYTES / 4);
  const data = new Uint8Array(sab, HEADER_BYTES);
  let broken: string | null = null;
  // Spinning pays only while replies come within it (an in-memory answer); after one that did not
  // (a sidecar's, over the network) the next call waits at once, leaving the CPU to the answer,
  // and the one after probes again.
  let spin = SPIN_LOADS;

  return (method, payload) => {
    if (broken) throw new HostCallError(broken);
    const name = encoder.encode(method);
    if (name.length + payload.length <= data.length) {
      data.set(name, 0);
      data.set(payload, name.length);
      ctl[HostSlot.METHOD_LEN] = name.length;
      ctl[HostSlot.PAYLOAD_LEN] = payload.length;
    } else {
      port.postMessage({ method, payload });
      ctl[HostSlot.METHOD_LEN] = IN_PORT;
    }
    Atomics.store(ctl, HostSlot.STATE, HostState.REQUEST);
    // Paired with the server clearing SERVER_AWAKE then re-reading STATE: one of us sees the other.
    if (Atomics.load(ctl, HostSlot.SERVER_AWAKE) === 0) wakePort.postMessage(0);
    let i = 0;
    while (i < spin && Atomics.load(ctl, HostSlot.STATE) === HostState.REQUEST) i++;
    spin = i < spin || spin === 0 ? SPIN_LOADS : 0;
    // A wake-up is only a hint: the notify that follows the previous call's reply can arrive
    // while this call waits, so the state is checked again after every one.
    const deadline = performance.now() + deadlineMs;
    while (Atomics.load(ctl, HostSlot.STATE) === HostState.REQUEST) {
      const left = deadline - performance.now();
      if (left <= 0) {
        // A late reply would land in the middle of the next call: refuse every call from now on.
        broken = `host call ${method} got no answer within ${deadlineMs} ms`;
        throw new HostCallError(broken, 'DeadlineExceeded');
      }
      Atomics.wait(ctl, HostSlot.STATE, HostState.REQUEST, left);
    }
    const status = ctl[HostSlot.STATUS] as number;
    const replyLen = ctl[HostSlot.REPLY_LEN] as number;
    const reply = replyLen === IN_PORT ? (receiveMessageOnPort(port)?.message as Uint8Array) : data.slice(0, replyLen);
    Atomics.store(ctl, HostSlot.STATE, HostState.IDLE);
    return { status, data: reply };
  };
}
