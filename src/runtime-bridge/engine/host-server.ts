/**
 * Main-thread side of the host-call hand-off: waits (without blocking the event loop) for the
 * worker's request, runs the handler, writes the reply. After a reply it spins briefly for the
 * next call, which is what lifts the rate from ~20k to well over 50k calls/s; the spinning is
 * capped so timers and I/O still run during a burst.
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { HostCalls } from '../types.js';
import {
  DEFAULT_CHANNEL_BYTES,
  HEADER_BYTES,
  HOST_STATUS_FAILED,
  HostSlot,
  HostState,
  IN_PORT,
  SPIN_LOADS,
  type HostRequestMessage,
} from './worker/host-layout.cjs';

// ES2024's Atomics.waitAsync (in Node 20's V8, not in the project's ES2023 lib).
declare global {
  interface Atomics {
    waitAsync(
      array: Int32Array,
      index: number,
      value: number,
      timeout?: number,
    ): { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
  }
}

/** Longest stretch of back-to-back calls answered before yielding to the event loop. */
const BURST_MS = 5;
const DEFAULT_DEADLINE_MS = 30_000;

export interface HostServer {
  sab: SharedArrayBuffer;
  /** The worker's end of the channel; transfer it with the worker's data. */
  workerPort: MessagePort;
  deadlineMs: number;
  stop(): void;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

export function serveHostCalls(hostCalls: HostCalls): HostServer {
  const sab = new SharedArrayBuffer(DEFAULT_CHANNEL_BYTES);
  const ctl = new Int32Array(sab, 0, HEADER_BYTES / 4);
  const data = new Uint8Array(sab, HEADER_BYTES);
  const { port1, port2 } = new MessageChannel();
  let stopped = false;

  function readRequest(): HostRequestMessage {
    const methodLen = ctl[HostSlot.METHOD_LEN] as number;
    if (methodLen === IN_PORT) return receiveMessageOnPort(port1)?.message as HostRequestMessage;
    return {
      method: decoder.decode(data.subarray(0, methodLen)),
      payload: data.slice(methodLen, methodLen + (ctl[HostSlot.PAYLOAD_LEN] as number)),
    };
  }

  async function answer(): Promise<void> {
    const { method, payload } = readRequest();
    let status: number;
    let reply: Uint8Array;
    try {
      ({ status, data: reply } = await hostCalls.handle(method, payload));
    } catch (err) {
      status = HOST_STATUS_FAILED;
      reply = encoder.encode(err instanceof Error ? err.message : String(err));
    }
    ctl[HostSlot.STATUS] = status;
    if (reply.length <= data.length) {
      data.set(reply);
      ctl[HostSlot.REPLY_LEN] = reply.length;
    } else {
      port1.postMessage(reply);
      ctl[HostSlot.REPLY_LEN] = IN_PORT;
    }
    Atomics.store(ctl, HostSlot.STATE, HostState.REPLY);
    Atomics.notify(ctl, HostSlot.STATE);
  }

  const pending = (): boolean => Atomics.load(ctl, HostSlot.STATE) === HostState.REQUEST;

  async function loop(): Promise<void> {
    let burstStart = performance.now();
    while (!stopped) {
      if (pending()) {
        await answer();
        for (let i = 0; i < SPIN_LOADS && !pending(); i++);
        if (performance.now() - burstStart > BURST_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          burstStart = performance.now();
        }
        continue;
      }
      const wait = Atomics.waitAsync(ctl, HostSlot.STATE, Atomics.load(ctl, HostSlot.STATE));
      if (wait.async) await wait.value;
      burstStart = performance.now();
    }
  }

  void loop();
  return {
    sab,
    workerPort: port2,
    deadlineMs: hostCalls.deadlineMs ?? DEFAULT_DEADLINE_MS,
    stop() {
      stopped = true;
      port1.close();
      // Wakes the pending waitAsync so the loop sees `stopped` and ends.
      Atomics.notify(ctl, HostSlot.STATE);
    },
  };
}
