/**
 * The host-call hand-off shared by the worker (caller, blocks) and the main thread (answers):
 * an Int32 control block at the start of a SharedArrayBuffer, then a data area. A request or
 * reply too big for the data area travels over the data MessagePort instead (length = IN_PORT),
 * read synchronously with `receiveMessageOnPort`.
 *
 * The main thread is woken by a message on the wake port, and only when it is not already
 * polling (SERVER_AWAKE = 0): Atomics.waitAsync is not reliable on Node 20 (nodejs/node#44729).
 */
export const HostSlot = {
  STATE: 0,
  METHOD_LEN: 1,
  PAYLOAD_LEN: 2,
  STATUS: 3,
  REPLY_LEN: 4,
  SERVER_AWAKE: 5,
} as const;

export const HostState = { IDLE: 0, REQUEST: 1, REPLY: 2 } as const;

export const HEADER_BYTES = 32;
export const DEFAULT_CHANNEL_BYTES = 64 * 1024;
export const IN_PORT = -1;
/** Status the main thread answers when the handler throws; the reply data is the message. */
export const HOST_STATUS_FAILED = -1;
/** Spins before falling back to a futex wait: a Map-answered call returns within a few µs. */
export const SPIN_LOADS = 2000;

export interface HostRequestMessage {
  method: string;
  payload: Uint8Array;
}
