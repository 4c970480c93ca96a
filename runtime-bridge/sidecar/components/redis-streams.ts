/**
 * The `redis` pub/sub as Layotto's (Dapr's redis streams, components-contrib v1.5.2): publish is
 * `XADD <topic> * data <payload>`; each subscribing app reads through its own consumer group
 * (`consumerID`, default the app id) with XREADGROUP and acknowledges with XACK once the app is
 * done (SUCCESS or DROP). What is not acknowledged stays pending and is claimed again once it has
 * been idle `processingTimeout`, looked for every `redeliverInterval`: at-least-once, and nothing
 * is lost while no subscriber runs or when a sidecar dies mid-delivery. A subscription reads only
 * as many messages as it has free delivery slots, so a subscriber that stops reading leaves the
 * backlog in Redis, not in this process.
 */
import type { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { WasmctlError } from '../../../common/index.js';
import { deliver, Slots } from './dispatch.js';
import type { PubSubOptions } from './pubsub-options.js';
import { call, unavailable } from './redis-connection.js';
import type { MessageHandler, PubSub, SubscribeOptions } from './types.js';

/** How long one XREADGROUP waits for new messages before it is issued again. */
const BLOCK_MS = 2000;
const RETRY_MS = 1000;

type Entry = [id: Buffer, fields: Buffer[] | null];

/** The `data` field of an entry, as Dapr writes and reads it; an entry without one is empty. */
function payloadOf(fields: Buffer[] | null): Buffer {
  for (let i = 0; fields && i + 1 < fields.length; i += 2) {
    if (fields[i]?.toString() === 'data') return fields[i + 1] ?? Buffer.alloc(0);
  }
  return Buffer.alloc(0);
}

/** XREADGROUP's entries for one stream: RESP2 answers [[stream, entries]], RESP3's map arrives as [stream, entries]. */
function entriesOf(reply: unknown[] | null): Entry[] {
  const first = reply?.[0];
  const entries = Buffer.isBuffer(first) ? reply?.[1] : (first as unknown[] | undefined)?.[1];
  return (entries as Entry[] | undefined) ?? [];
}

async function createGroup(redis: Redis, topic: string, group: string): Promise<void> {
  try {
    // From the stream's start, as Dapr does: what was published before the app first came is delivered.
    await redis.xgroup('CREATE', topic, group, '0', 'MKSTREAM');
  } catch (err) {
    if (!/BUSYGROUP/.test((err as Error).message)) throw unavailable(redis, err);
  }
}

class StreamSubscription {
  /** XREADGROUP BLOCK holds its connection: a second one, so other commands never wait behind it. */
  private readonly reader: Redis;
  private readonly slots: Slots;
  private readonly inFlight = new Set<string>();
  private readonly stop = new AbortController();
  private reclaimTimer: NodeJS.Timeout | undefined;
  private reclaiming = false;
  private failing = false;

  constructor(
    private readonly redis: Redis,
    private readonly topic: string,
    private readonly group: string,
    private readonly handler: MessageHandler,
    private readonly options: PubSubOptions,
    private readonly warn: (message: string) => void,
  ) {
    this.reader = redis.duplicate();
    this.reader.on('error', () => {});
    this.slots = new Slots(options.concurrency);
  }

  start(): void {
    void this.readLoop();
    const { processingTimeout, redeliverInterval } = this.options;
    if (processingTimeout > 0 && redeliverInterval > 0) {
      void this.reclaim();
      this.reclaimTimer = setInterval(() => void this.reclaim(), redeliverInterval);
    }
  }

  private get stopped(): boolean {
    return this.stop.signal.aborted;
  }

  private async readLoop(): Promise<void> {
    while (!this.stopped) {
      await this.slots.whenFree();
      if (this.stopped) return;
      try {
        const reply = (await this.reader.callBuffer('XREADGROUP', [
          'GROUP',
          this.group,
          this.group,
          'COUNT',
          this.slots.free,
          'BLOCK',
          BLOCK_MS,
          'STREAMS',
          this.topic,
          '>',
        ])) as unknown[] | null;
        this.recovered();
        for (const [id, fields] of entriesOf(reply)) this.dispatch(id.toString(), fields);
      } catch (err) {
        if (this.stopped) return;
        this.trouble(err);
        // The stream or the group was deleted under us: make them again, as a first subscribe does.
        if (/NOGROUP/.test((err as Error).message)) await createGroup(this.redis, this.topic, this.group).catch(() => {});
        await sleep(RETRY_MS);
      }
    }
  }

  /** Claims what has been pending longer than processingTimeout (ours or a dead sidecar's). */
  private async reclaim(): Promise<void> {
    if (this.reclaiming || this.stopped) return;
    this.reclaiming = true;
    try {
      let cursor = '0-0';
      do {
        if (this.slots.free === 0) return;
        const [next, entries] = (await this.redis.callBuffer('XAUTOCLAIM', [
          this.topic,
          this.group,
          this.group,
          this.options.processingTimeout,
          cursor,
          'COUNT',
          this.slots.free,
        ])) as [Buffer, Array<Entry | null>];
        for (const entry of entries) {
          // Redis before 7 answers a deleted entry with nil: nothing to deliver, nothing to keep.
          const key = entry?.[0].toString();
          if (!key) continue;
          if (!entry?.[1]) void this.redis.xack(this.topic, this.group, key).catch(() => {});
          else if (!this.inFlight.has(key)) this.dispatch(key, entry[1]);
        }
        cursor = next.toString();
      } while (cursor !== '0-0' && !this.stopped);
    } catch (err) {
      if (!this.stopped) this.trouble(err);
    } finally {
      this.reclaiming = false;
    }
  }

  private dispatch(id: string, fields: Buffer[] | null): void {
    this.inFlight.add(id);
    this.slots.take();
    void deliver(this.handler, payloadOf(fields), this.options.processingTimeout, this.stop.signal)
      .then(async (done) => {
        // Not done: it stays pending, and reclaim() delivers it again. Done is acknowledged even
        // when the subscription has just ended (a client that answers, then hangs up).
        if (done) await this.redis.xack(this.topic, this.group, id);
      })
      .catch((err: unknown) => {
        if (!this.stopped) this.trouble(err);
      })
      .finally(() => {
        this.inFlight.delete(id);
        this.slots.release();
      });
  }

  private trouble(err: unknown): void {
    if (!this.failing) this.warn(`redis pub/sub ${this.topic} (group ${this.group}): ${(err as Error).message}; retrying`);
    this.failing = true;
  }

  private recovered(): void {
    if (this.failing) this.warn(`redis pub/sub ${this.topic} (group ${this.group}): reading again`);
    this.failing = false;
  }

  close(): void {
    this.stop.abort();
    clearInterval(this.reclaimTimer);
    this.slots.wakeAll();
    this.reader.disconnect();
  }
}

export class RedisStreamsPubSub implements PubSub {
  private readonly subscriptions = new Set<StreamSubscription>();

  constructor(
    private readonly redis: Redis,
    private readonly options: PubSubOptions,
    private readonly warn: (message: string) => void,
  ) {}

  async publish(topic: string, payload: Buffer): Promise<void> {
    const trim = this.options.maxLenApprox ? ['MAXLEN', '~', this.options.maxLenApprox] : [];
    await call(this.redis, () => this.redis.xadd(topic, ...trim, '*', 'data', payload));
  }

  async subscribe(topic: string, handler: MessageHandler, options: SubscribeOptions = {}): Promise<() => Promise<void>> {
    const group = options.consumerId || this.options.consumerID;
    if (!group) {
      throw new WasmctlError('InvalidArgument', 'redis streams error: missing consumerID', {
        hint: "set consumerID in the pub/sub's metadata, or the app's app_id",
      });
    }
    // A Redis that is down now is not the end of the subscription: its read loop makes the group
    // once Redis answers (NOGROUP), so the app gets what is published from then on.
    await createGroup(this.redis, topic, group).catch((err: unknown) =>
      this.warn(`redis pub/sub ${topic} (group ${group}): ${(err as Error).message}; retrying`),
    );
    const subscription = new StreamSubscription(this.redis, topic, group, handler, this.options, this.warn);
    this.subscriptions.add(subscription);
    subscription.start();
    return async () => {
      subscription.close();
      this.subscriptions.delete(subscription);
    };
  }

  async close(): Promise<void> {
    for (const subscription of this.subscriptions) subscription.close();
    this.subscriptions.clear();
    this.redis.disconnect();
  }
}
