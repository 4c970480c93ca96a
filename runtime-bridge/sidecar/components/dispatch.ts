/**
 * Handing messages to a subscriber with backpressure: a fixed number of deliveries at once per
 * subscription, each bounded by the processing timeout. A subscriber that stops answering holds
 * its slots, so the component stops taking messages for it instead of buffering them.
 */
import type { MessageHandler } from './types.js';

export class Slots {
  private used = 0;
  private waiters: Array<() => void> = [];

  constructor(private readonly size: number) {}

  get free(): number {
    return Math.max(0, this.size - this.used);
  }

  take(): void {
    this.used++;
  }

  release(): void {
    this.used--;
    this.waiters.shift()?.();
  }

  /** Resolves once a slot is free, or at once after `wakeAll` (the subscription ended). */
  whenFree(): Promise<void> {
    return this.free > 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  wakeAll(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}

/**
 * true when the subscriber is done with the message (SUCCESS or DROP); false when it must come
 * again: it asked for RETRY, failed, or did not answer within `timeoutMs` (0: no limit), or
 * `stop` ended the subscription first.
 */
export async function deliver(handler: MessageHandler, payload: Buffer, timeoutMs: number, stop: AbortSignal): Promise<boolean> {
  const signals = timeoutMs > 0 ? [stop, AbortSignal.timeout(timeoutMs)] : [stop];
  const signal = AbortSignal.any(signals);
  if (signal.aborted) return false;
  const gaveUp = new Promise<false>((resolve) => signal.addEventListener('abort', () => resolve(false), { once: true }));
  try {
    return await Promise.race([handler(payload, signal), gaveUp]);
  } catch {
    return false;
  }
}
