/**
 * The `in-memory` pub/sub: one process, every subscriber of a topic gets every message, with the
 * acknowledgement rules of the redis one (RETRY or no answer: delivered again). Nothing outlives
 * the process, and what finds no subscriber is gone. Each subscriber's backlog is bounded: past it,
 * new messages for that subscriber are dropped with a warning, never buffered without end.
 */
import type { PubSubOptions } from './pubsub-options.js';
import { deliver, Slots } from './dispatch.js';
import type { MessageHandler, PubSub } from './types.js';

const MAX_BACKLOG = 10_000;
const MAX_BACKLOG_BYTES = 16 * 1024 * 1024;
const FIRST_RETRY_MS = 100;

class MemorySubscriber {
  private readonly backlog: Buffer[] = [];
  private bytes = 0;
  private dropping = false;
  private readonly slots: Slots;
  private readonly stop = new AbortController();

  constructor(
    private readonly topic: string,
    private readonly handler: MessageHandler,
    private readonly options: PubSubOptions,
    private readonly warn: (message: string) => void,
  ) {
    this.slots = new Slots(options.concurrency);
  }

  offer(payload: Buffer): void {
    if (this.backlog.length >= MAX_BACKLOG || this.bytes + payload.length > MAX_BACKLOG_BYTES) {
      if (!this.dropping) this.warn(`in-memory pub/sub: a subscriber of ${this.topic} is not keeping up; dropping messages for it`);
      this.dropping = true;
      return;
    }
    // One warning per episode: it is over once the backlog has come down to half.
    if (this.backlog.length < MAX_BACKLOG / 2 && this.bytes < MAX_BACKLOG_BYTES / 2) this.dropping = false;
    this.backlog.push(payload);
    this.bytes += payload.length;
    this.pump();
  }

  private pump(): void {
    while (this.slots.free > 0 && !this.stop.signal.aborted) {
      const payload = this.backlog.shift();
      if (!payload) return;
      this.bytes -= payload.length;
      this.slots.take();
      void this.attempt(payload, 0);
    }
  }

  /** Keeps its slot through the retries, so a failing subscriber slows down instead of piling up. */
  private async attempt(payload: Buffer, retries: number): Promise<void> {
    const done = await deliver(this.handler, payload, this.options.processingTimeout, this.stop.signal);
    const { redeliverInterval } = this.options;
    if (!done && !this.stop.signal.aborted && redeliverInterval > 0) {
      // Soon at first (a RETRY is often a passing fault), then every redeliverInterval.
      const wait = Math.min(FIRST_RETRY_MS * 2 ** retries, redeliverInterval);
      setTimeout(() => void this.attempt(payload, retries + 1), wait).unref();
      return;
    }
    this.slots.release();
    this.pump();
  }

  close(): void {
    this.stop.abort();
    this.backlog.length = 0;
  }
}

export class MemoryPubSub implements PubSub {
  private readonly topics = new Map<string, Set<MemorySubscriber>>();

  constructor(
    private readonly options: PubSubOptions,
    private readonly warn: (message: string) => void,
  ) {}

  async publish(topic: string, payload: Buffer): Promise<void> {
    // Delivered after the publisher gets its answer, as a broker would.
    const subscribers = [...(this.topics.get(topic) ?? [])];
    setImmediate(() => {
      for (const subscriber of subscribers) subscriber.offer(payload);
    });
  }

  async subscribe(topic: string, handler: MessageHandler): Promise<() => Promise<void>> {
    const subscriber = new MemorySubscriber(topic, handler, this.options, this.warn);
    const subscribers = this.topics.get(topic) ?? new Set<MemorySubscriber>();
    this.topics.set(topic, subscribers.add(subscriber));
    return async () => {
      subscriber.close();
      subscribers.delete(subscriber);
      // A topic nobody listens to any more is forgotten: random topic names must not grow the map.
      if (subscribers.size === 0 && this.topics.get(topic) === subscribers) this.topics.delete(topic);
    };
  }

  async close(): Promise<void> {
    for (const subscriber of [...this.topics.values()].flatMap((s) => [...s])) subscriber.close();
    this.topics.clear();
  }
}
