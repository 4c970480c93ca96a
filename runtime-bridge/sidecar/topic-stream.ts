/**
 * SubscribeTopicEvents as Layotto serves it: after the initial request, each event is written to
 * the stream and counts as done only when the client answers `event_processed` with SUCCESS or
 * DROP; RETRY, no answer within the processing timeout, or the stream ending leaves it to come
 * again. Backpressure: the component hands this stream a bounded number of events at once, and
 * each waits for the client to read what was written before (HTTP/2 flow control), so a client
 * that never reads holds those few events, not a growing queue.
 */
import { WasmctlError } from '../../common/index.js';
import { v1, type RUNTIME_METHODS } from '../client/index.js';
import type { TopicEvent } from './cloudevent.js';
import type { Components } from './components.js';
import type { BidiCall, BidiHandler } from './grpc-server.js';

type Subscribe = (typeof RUNTIME_METHODS)['SubscribeTopicEvents'];
const { RETRY } = v1.TopicEventResponse.TopicEventResponseStatus;

/** How many SubscribeTopicEvents streams one client connection, and the whole sidecar, may hold open. */
export interface SubscriptionLimits {
  perClient: number;
  total: number;
}
export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimits = { perClient: 64, total: 1024 };

/** Resolves to false when `signal` aborts first, else to what `start` resolves with. */
function unlessAborted<T>(signal: AbortSignal, start: (resolve: (value: T) => void) => () => void): Promise<T | false> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const abort = () => {
      stop();
      resolve(false);
    };
    const stop = start((value) => {
      signal.removeEventListener('abort', abort);
      stop();
      resolve(value);
    });
    signal.addEventListener('abort', abort, { once: true });
  });
}

class TopicStream {
  private subscribed: Promise<() => Promise<void>> | undefined;
  /** False until the initial response is out, and while the client has not read what was written. */
  private writable = false;
  private readonly wakers = new Set<() => void>();
  private readonly acks = new Map<string, (done: boolean) => void>();
  /** Aborts when the stream ends, for whatever reason: every wait on the client gives up. */
  private readonly ended = new AbortController();

  constructor(
    private readonly components: Components,
    private readonly call: BidiCall<Subscribe>,
  ) {
    call.on('data', (request: v1.SubscribeTopicEventsRequest) => this.receive(request));
    call.on('end', () => {
      this.end();
      call.end();
    });
    call.on('cancelled', () => this.end());
    call.on('drain', () => this.wake());
  }

  private receive(request: v1.SubscribeTopicEventsRequest): void {
    if (request.eventProcessed) {
      const { id, status } = request.eventProcessed;
      this.acks.get(id)?.(status?.status !== RETRY);
      return;
    }
    if (!request.initialRequest) return;
    if (this.subscribed) return this.fail(new WasmctlError('InvalidArgument', 'a subscription stream takes one initial request'));
    const { pubsubName, topic, metadata } = request.initialRequest;
    const consumerId = metadata.consumerID;
    this.subscribed = this.components.subscribe(
      pubsubName,
      topic,
      (event, signal) => this.send(event, signal),
      consumerId ? { consumerId } : {},
    );
    this.subscribed.then(
      () => {
        if (this.write({ initialResponse: {} })) this.wake();
      },
      (err: unknown) => this.fail(err),
    );
  }

  private async send(event: TopicEvent, signal: AbortSignal): Promise<boolean> {
    const gaveUp = AbortSignal.any([signal, this.ended.signal]);
    const writable =
      this.writable ||
      (await unlessAborted<true>(gaveUp, (resolve) => {
        const wake = () => resolve(true);
        this.wakers.add(wake);
        return () => this.wakers.delete(wake);
      }));
    if (!writable) return false;
    const done = unlessAborted<boolean>(gaveUp, (resolve) => {
      this.acks.set(event.id, resolve);
      return () => this.acks.delete(event.id);
    });
    this.write({ eventMessage: event });
    return done;
  }

  /** false when the client has yet to read it: later events wait for 'drain'. */
  private write(message: v1.SubscribeTopicEventsResponse.$Properties): boolean {
    this.writable = this.call.write(message);
    return this.writable;
  }

  private wake(): void {
    this.writable = true;
    for (const wake of [...this.wakers]) wake();
  }

  private fail(err: unknown): void {
    this.call.end(err);
    this.end();
  }

  private end(): void {
    if (this.ended.signal.aborted) return;
    this.ended.abort();
    // After the answers that came just before the end (an ack, then the half-close) have landed.
    setImmediate(
      () =>
        void this.subscribed?.then(
          (unsubscribe) => unsubscribe(),
          () => undefined,
        ),
    );
  }
}

/**
 * Each stream counts against its client connection's limit and the sidecar's; beyond either it
 * is refused RESOURCE_EXHAUSTED before it subscribes, so no client can hold unbounded consumers.
 */
export function subscribeTopicEvents(components: Components, limits: SubscriptionLimits): BidiHandler<Subscribe> {
  const perClient = new WeakMap<object, number>();
  let total = 0;
  return (call) => {
    const client = call.context.session;
    const held = perClient.get(client) ?? 0;
    if (held >= limits.perClient || total >= limits.total) {
      const [count, limit, whom] =
        held >= limits.perClient ? [held, limits.perClient, 'this connection'] : [total, limits.total, 'the sidecar'];
      return call.end(
        new WasmctlError('ResourceExhausted', `too many topic subscriptions: ${whom} holds ${count} (limit ${limit})`, {
          hint: 'close subscriptions you no longer read, or subscribe from fewer streams',
        }),
      );
    }
    perClient.set(client, held + 1);
    total++;
    call.context.signal.addEventListener(
      'abort',
      () => {
        perClient.set(client, (perClient.get(client) ?? 1) - 1);
        total--;
      },
      { once: true },
    );
    new TopicStream(components, call);
  };
}
