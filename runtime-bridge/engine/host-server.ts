/**
 * Main-thread side of the host-call hand-off: woken by the worker's message, it answers calls
 * and, after a reply that took less than the poll itself (an in-memory answer), polls briefly for
 * the next one, which is what lifts that rate from ~25k to well over 50k calls/s. While it polls
 * it says so (SERVER_AWAKE) so the worker skips the wake message; the spinning is capped so timers
 * and I/O still run during a burst. After a slower answer (a sidecar's, over the network) it does
 * not poll: a poll as long as the call would double the call's CPU for a wake message saved.
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
  type HostRequestMessage,
} from './worker/host-layout.cjs';

/** Longest stretch of back-to-back calls answered before yielding to the event loop. */
const BURST_MS = 5;
/**
 * How long the server keeps polling for the module's next call after a reply: the worker needs
 * tens of µs to wake, take the result and call again, and a call that arrives while the server
 * polls skips the wake message (a trip through the event loop).
 */
const NEXT_CALL_SPIN_MS = 0.1;
const DEFAULT_DEADLINE_MS = 30_000;

export interface HostServer {
  sab: SharedArrayBuffer;
  /** The worker's ends of the channel; transfer them with the worker's data. */
  workerPort: MessagePort;
  workerWakePort: MessagePort;
  deadlineMs: number;
  stop(): void;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

export function serveHostCalls(hostCalls: HostCalls): HostServer {
  const sab = new SharedArrayBuffer(DEFAULT_CHANNEL_BYTES);
  const ctl = new Int32Array(sab, 0, HEADER_BYTES / 4);
  const data = new Uint8Array(sab, HEADER_BYTES);
  const dataChannel = new MessageChannel();
  const wakeChannel = new MessageChannel();
  let stopped = false;
  let serving = false;

  function readRequest(): HostRequestMessage {
    const methodLen = ctl[HostSlot.METHOD_LEN] as number;
    if (methodLen === IN_PORT) return receiveMessageOnPort(dataChannel.port1)?.message as HostRequestMessage;
    return {
      method: decoder.decode(data.subarray(0, methodLen)),
      payload: data.slice(methodLen, methodLen + (ctl[HostSlot.PAYLOAD_LEN] as number)),
    };
  }

  /** Answers the pending call; resolves to how long the handler took, in ms. */
  async function answer(): Promise<number> {
    const started = performance.now();
    const { method, payload } = readRequest();
    let status: number;
    let reply: Uint8Array;
    try {
      ({ status, data: reply } = await hostCalls.handle(method, payload));
    } catch (err) {
      status = HOST_STATUS_FAILED;
      reply = encoder.encode(err instanceof Error ? err.message : String(err));
    }
    const took = performance.now() - started;
    if (stopped) return took;
    ctl[HostSlot.STATUS] = status;
    if (reply.length <= data.length) {
      data.set(reply);
      ctl[HostSlot.REPLY_LEN] = reply.length;
    } else {
      dataChannel.port1.postMessage(reply);
      ctl[HostSlot.REPLY_LEN] = IN_PORT;
    }
    Atomics.store(ctl, HostSlot.STATE, HostState.REPLY);
    Atomics.notify(ctl, HostSlot.STATE);
    return took;
  }

  const pending = (): boolean => Atomics.load(ctl, HostSlot.STATE) === HostState.REQUEST;

  /** Answers until no call comes within a short spin; then sleeps until the next wake message. */
  async function serve(): Promise<void> {
    if (serving) return;
    serving = true;
    Atomics.store(ctl, HostSlot.SERVER_AWAKE, 1);
    let burstStart = performance.now();
    let spinMs = NEXT_CALL_SPIN_MS;
    while (!stopped) {
      const spinUntil = performance.now() + spinMs;
      while (!pending() && performance.now() < spinUntil);
      if (!pending()) {
        Atomics.store(ctl, HostSlot.SERVER_AWAKE, 0);
        if (!pending()) break;
        Atomics.store(ctl, HostSlot.SERVER_AWAKE, 1);
      }
      spinMs = (await answer()) < NEXT_CALL_SPIN_MS ? NEXT_CALL_SPIN_MS : 0;
      if (performance.now() - burstStart > BURST_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        burstStart = performance.now();
      }
    }
    serving = false;
  }

  wakeChannel.port1.on('message', () => void serve());
  return {
    sab,
    workerPort: dataChannel.port2,
    workerWakePort: wakeChannel.port2,
    deadlineMs: hostCalls.deadlineMs ?? DEFAULT_DEADLINE_MS,
    stop() {
      stopped = true;
      dataChannel.port1.close();
      wakeChannel.port1.close();
    },
  };
}
