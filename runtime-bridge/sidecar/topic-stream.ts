/**
 * SubscribeTopicEvents as Layotto serves it: after the initial request, each event is written to
 * the stream and counts as done only when the client answers `event_processed` with SUCCESS or
 * DROP; RETRY, no answer within the processing timeout, or the stream ending leaves it to come
 * again. Backpressure: the component hands this stream a bounded number of events at once, and
 * each waits for the client to read what was written before (HTTP/2 flow control), so a client
 * that never reads holds those few events, not a growing queue.
 */
import type * as grpc from '@grpc/grpc-js';
import { WasmctlError } from '../../common/index.js';
import type { TopicEvent } from './cloudevent.js';
import type { Components } from './components.js';
import { toStatus } from './grpc-status.js';

interface SubscribeRequest {
  initial_request?: { pubsub_name: string; topic: string; metadata: Record<string, string> } | null;
  event_processed?: { id: string; status: { status: string } | null } | null;
}

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
    private readonly call: grpc.ServerDuplexStream<SubscribeRequest, object>,
  ) {
    call.on('data', (request: SubscribeRequest) => this.receive(request));
    call.on('end', () => {
      this.end();
      call.end();
    });
    call.on('cancelled', () => this.end());
    call.on('error', () => this.end());
    call.on('drain', () => this.wake());
  }

  private receive(request: SubscribeRequest): void {
    if (request.event_processed) {
      const { id, status } = request.event_processed;
      this.acks.get(id)?.(status?.status !== 'RETRY');
      return;
    }
    if (!request.initial_request) return;
    if (this.subscribed) return this.fail(new WasmctlError('InvalidArgument', 'a subscription stream takes one initial request'));
    const { pubsub_name, topic, metadata } = request.initial_request;
    const consumerId = metadata?.consumerID;
    this.subscribed = this.components.subscribe(pubsub_name, topic, (event, signal) => this.send(event, signal), consumerId ? { consumerId } : {});
    this.subscribed.then(
      () => {
        if (this.write({ initial_response: {} })) this.wake();
      },
      (err: unknown) => this.fail(err),
    );
  }

  private async send(event: TopicEvent, signal: AbortSignal): Promise<boolean> {
    const gaveUp = AbortSignal.any([signal, this.ended.signal]);
    const writable = this.writable || (await unlessAborted<true>(gaveUp, (resolve) => {
      const wake = () => resolve(true);
      this.wakers.add(wake);
      return () => this.wakers.delete(wake);
    }));
    if (!writable) return false;
    const done = unlessAborted<boolean>(gaveUp, (resolve) => {
      this.acks.set(event.id, resolve);
      return () => this.acks.delete(event.id);
    });
    this.write({ event_message: event });
    return done;
  }

  /** false when the client has yet to read it: later events wait for 'drain'. */
  private write(message: object): boolean {
    this.writable = this.call.write(message);
    return this.writable;
  }

  private wake(): void {
    this.writable = true;
    for (const wake of [...this.wakers]) wake();
  }

  private fail(err: unknown): void {
    this.call.emit('error', toStatus(err));
  }

  private end(): void {
    if (this.ended.signal.aborted) return;
    this.ended.abort();
    // After the answers that came just before the end (an ack, then the half-close) have landed.
    setImmediate(() => void this.subscribed?.then((unsubscribe) => unsubscribe(), () => undefined));
  }
}

export function subscribeTopicEvents(components: Components): grpc.handleBidiStreamingCall<SubscribeRequest, object> {
  return (call) => void new TopicStream(components, call);
}
