/**
 * Pub/sub delivery to the app, as Layotto does it: ask the app's AppCallback which topics it wants
 * (ListTopicSubscriptions), then call OnTopicEvent for each message on them. SUCCESS and DROP are
 * done with the message (an UNIMPLEMENTED error counts as DROP); RETRY or any other failure leaves
 * it to be delivered again. An app that is not up yet is asked again until it answers.
 */
import * as grpc from '@grpc/grpc-js';
import type { TopicEvent } from './cloudevent.js';
import type { Components } from './components.js';
import { appCallbackService } from './proto.js';

export interface AppTarget {
  host: string;
  port: number;
}

interface TopicSubscription {
  pubsub_name: string;
  topic: string;
  metadata: Record<string, string>;
}

const AppCallbackClient = grpc.makeGenericClientConstructor(appCallbackService, 'AppCallback');
type Unary<Req, Res> = (req: Req, options: grpc.CallOptions, callback: (err: grpc.ServiceError | null, res: Res) => void) => grpc.ClientUnaryCall;
interface AppCallback extends grpc.Client {
  ListTopicSubscriptions: Unary<object, { subscriptions: TopicSubscription[] }>;
  OnTopicEvent: Unary<TopicEvent, { status: 'SUCCESS' | 'RETRY' | 'DROP' }>;
}

const LIST_TIMEOUT_MS = 5000;
const LIST_RETRY_MS = 1000;

function callApp<Req, Res>(method: Unary<Req, Res>, client: AppCallback, request: Req, options: grpc.CallOptions, signal?: AbortSignal): Promise<Res> {
  return new Promise((resolve, reject) => {
    const call = method.call(client, request, options, (err, res) => (err ? reject(err) : resolve(res)));
    signal?.addEventListener('abort', () => call.cancel(), { once: true });
  });
}

export class AppDelivery {
  private readonly client: AppCallback;
  private readonly unsubscribes: Array<() => Promise<void>> = [];
  private retry: NodeJS.Timeout | undefined;
  private closed = false;
  private failing = false;

  private constructor(
    private readonly components: Components,
    private readonly target: AppTarget,
    private readonly warn: (message: string) => void,
  ) {
    // An app that was down is reached again within seconds of its return, not grpc-js's 2 minutes.
    const reconnect = { 'grpc.initial_reconnect_backoff_ms': 200, 'grpc.max_reconnect_backoff_ms': 5000 };
    this.client = new AppCallbackClient(`${target.host}:${target.port}`, grpc.credentials.createInsecure(), reconnect) as unknown as AppCallback;
  }

  /** Resolves after the first attempt; an app that does not answer is a warning, not a failure. */
  static async start(components: Components, target: AppTarget, warn: (message: string) => void): Promise<AppDelivery> {
    const delivery = new AppDelivery(components, target, warn);
    await delivery.connect(true);
    return delivery;
  }

  private get address(): string {
    return `${this.target.host}:${this.target.port}`;
  }

  private async connect(first: boolean): Promise<void> {
    let subscriptions: TopicSubscription[];
    try {
      ({ subscriptions } = await callApp(this.client.ListTopicSubscriptions, this.client, {}, { deadline: Date.now() + LIST_TIMEOUT_MS }));
    } catch (err) {
      if (first) this.warn(`no pub/sub delivery to app ${this.address} yet: ${(err as Error).message}; asking again every ${LIST_RETRY_MS}ms`);
      if (!this.closed) this.retry = setTimeout(() => void this.connect(false), LIST_RETRY_MS);
      return;
    }
    if (!first) this.warn(`app ${this.address} answered: delivering its subscriptions`);
    for (const { pubsub_name, topic, metadata } of subscriptions) {
      if (this.closed) return;
      try {
        const consumerId = metadata?.consumerID;
        const handler = (event: TopicEvent, signal: AbortSignal) => this.deliver(event, signal);
        this.unsubscribes.push(await this.components.subscribe(pubsub_name, topic, handler, consumerId ? { consumerId } : {}));
      } catch (err) {
        this.warn(`app ${this.address} asked for ${pubsub_name}/${topic}: ${(err as Error).message}`);
      }
    }
  }

  private async deliver(event: TopicEvent, signal: AbortSignal): Promise<boolean> {
    try {
      const { status } = await callApp(this.client.OnTopicEvent, this.client, event, {}, signal);
      this.failing = false;
      if (status === 'DROP') this.warn(`app ${this.address} dropped event ${event.id} on ${event.topic}`);
      return status === 'SUCCESS' || status === 'DROP';
    } catch (err) {
      const { code, message } = err as grpc.ServiceError;
      if (code === grpc.status.UNIMPLEMENTED) return true;
      if (!this.failing && !signal.aborted) this.warn(`event ${event.id} on ${event.topic} not delivered to ${this.address}: ${message}; it will come again`);
      this.failing = true;
      return false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await Promise.all(this.unsubscribes.map((unsubscribe) => unsubscribe()));
    this.client.close();
  }
}
