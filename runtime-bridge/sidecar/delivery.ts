/**
 * Pub/sub delivery to the app, as Layotto does it: ask the app's AppCallback which topics it wants
 * (ListTopicSubscriptions), then call OnTopicEvent for each message on them. SUCCESS and DROP are
 * done with the message (an UNIMPLEMENTED error counts as DROP); RETRY or any other failure leaves
 * it to be delivered again. An app that is not up yet is asked again until it answers.
 */
import { hasKind } from '../../common/index.js';
import { APP_CALLBACK_METHODS, GrpcChannel, v1, type Method, type RequestProps, type Response } from '../client/index.js';
import type { TopicEvent } from './cloudevent.js';
import type { Components } from './components.js';

export interface AppTarget {
  host: string;
  port: number;
  /** At most this many of the subscriptions the app lists are served (the sidecar's subscription limit). */
  maxSubscriptions: number;
}

type Methods = typeof APP_CALLBACK_METHODS;
const { SUCCESS, DROP } = v1.TopicEventResponse.TopicEventResponseStatus;

const LIST_TIMEOUT_MS = 5000;
const LIST_RETRY_MS = 1000;
/** The app may take its time over an event; the subscription's signal is what gives up. */
const EVENT_TIMEOUT_MS = 10 * 60 * 1000;

export class AppDelivery {
  private readonly channel: GrpcChannel;
  private readonly unsubscribes: Array<() => Promise<void>> = [];
  private retry: NodeJS.Timeout | undefined;
  private closed = false;
  private failing = false;

  private constructor(
    private readonly components: Components,
    private readonly target: AppTarget,
    private readonly warn: (message: string) => void,
  ) {
    // Each call connects again if the app went away: it is reached at its first call after its return.
    this.channel = new GrpcChannel(`${target.host}:${target.port}`);
  }

  private async call<K extends keyof Methods>(
    method: K,
    request: RequestProps<Methods[K]>,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<Response<Methods[K]>> {
    return this.channel.call(APP_CALLBACK_METHODS[method] as Method, request, timeoutMs, signal);
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
    let subscriptions: v1.TopicSubscription[];
    try {
      ({ subscriptions } = await this.call('ListTopicSubscriptions', {}, LIST_TIMEOUT_MS));
    } catch (err) {
      if (first)
        this.warn(`no pub/sub delivery to app ${this.address} yet: ${(err as Error).message}; asking again every ${LIST_RETRY_MS}ms`);
      if (!this.closed) this.retry = setTimeout(() => void this.connect(false), LIST_RETRY_MS);
      return;
    }
    if (!first) this.warn(`app ${this.address} answered: delivering its subscriptions`);
    const { maxSubscriptions } = this.target;
    if (subscriptions.length > maxSubscriptions) {
      this.warn(
        `app ${this.address} asked for ${subscriptions.length} subscriptions: serving the first ${maxSubscriptions} (the sidecar's limit)`,
      );
    }
    for (const { pubsubName, topic, metadata } of subscriptions.slice(0, maxSubscriptions)) {
      if (this.closed) return;
      try {
        const consumerId = metadata.consumerID;
        const handler = (event: TopicEvent, signal: AbortSignal) => this.deliver(event, signal);
        this.unsubscribes.push(await this.components.subscribe(pubsubName, topic, handler, consumerId ? { consumerId } : {}));
      } catch (err) {
        this.warn(`app ${this.address} asked for ${pubsubName}/${topic}: ${(err as Error).message}`);
      }
    }
  }

  private async deliver(event: TopicEvent, signal: AbortSignal): Promise<boolean> {
    try {
      const { status } = await this.call('OnTopicEvent', event, EVENT_TIMEOUT_MS, signal);
      this.failing = false;
      if (status === DROP) this.warn(`app ${this.address} dropped event ${event.id} on ${event.topic}`);
      return status === SUCCESS || status === DROP;
    } catch (err) {
      const { message } = err as Error;
      if (hasKind(err, 'Unimplemented')) return true;
      if (!this.failing && !signal.aborted)
        this.warn(`event ${event.id} on ${event.topic} not delivered to ${this.address}: ${message}; it will come again`);
      this.failing = true;
      return false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await Promise.all(this.unsubscribes.map((unsubscribe) => unsubscribe()));
    this.channel.close();
  }
}
