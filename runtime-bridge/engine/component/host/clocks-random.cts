/** wasi:clocks and wasi:random: the host's monotonic and wall clocks, and node:crypto's randomness. */
import { randomBytes } from 'node:crypto';
import { Clock, clockNow, clockResolution } from '../../wasi/poll.cjs';
import { Pollable } from './io.cjs';

const NS = 1_000_000_000n;
const monotonic = (): bigint => clockNow(Clock.MONOTONIC);

const randomU64 = (): bigint => randomBytes(8).readBigUInt64LE();

export function clocksAndRandom() {
  return {
    'wasi:clocks/monotonic-clock': {
      now: monotonic,
      resolution: (): bigint => 1n,
      subscribeInstant: (when: bigint): Pollable => new Pollable(when),
      subscribeDuration: (ns: bigint): Pollable => new Pollable(monotonic() + ns),
    },
    'wasi:clocks/wall-clock': {
      now() {
        const ns = clockNow(Clock.REALTIME);
        return { seconds: ns / NS, nanoseconds: Number(ns % NS) };
      },
      resolution: () => ({ seconds: 0n, nanoseconds: Number(clockResolution(Clock.REALTIME)) }),
    },
    'wasi:random/random': {
      getRandomBytes: (len: bigint): Uint8Array => new Uint8Array(randomBytes(Number(len))),
      getRandomU64: randomU64,
    },
    'wasi:random/insecure': {
      getInsecureRandomBytes: (len: bigint): Uint8Array => new Uint8Array(randomBytes(Number(len))),
      getInsecureRandomU64: randomU64,
    },
    'wasi:random/insecure-seed': { insecureSeed: (): [bigint, bigint] => [randomU64(), randomU64()] },
  };
}
