/**
 * Pub/sub delivery to the app, as Layotto does it: ask the app's AppCallback which topics it wants
 * (ListTopicSubscriptions), then call OnTopicEvent for each message on them.
 */
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import type { PubSubMessage } from './components/types.js';
import type { Components } from './components.js';
import { appCallbackService } from './proto.js';

export interface TopicEvent {
  id: string;
  source: string;
  type: string;
  spec_version: string;
  data_content_type: string;
  topic: string;
  data: Buffer;
  pubsub_name: string;
  metadata: Record<string, string>;
}

/** The CloudEvents-shaped envelope both AppCallback and SubscribeTopicEvents carry. */
export function topicEvent(source: string, pubsub: string, topic: string, message: PubSubMessage): TopicEvent {
  return {
    id: randomUUID(),
    source,
    type: 'com.dapr.event.sent',
    spec_version: '1.0',
    data_content_type: message.contentType,
    topic,
    data: message.data,
    pubsub_name: pubsub,
    metadata: message.metadata,
  };
}

export interface AppTarget {
  appId: string;
  host: string;
  port: number;
}

const AppCallbackClient = grpc.makeGenericClientConstructor(appCallbackService, 'AppCallback');
type Unary<Req, Res> = (req: Req, options: grpc.CallOptions, callback: (err: grpc.ServiceError | null, res: Res) => void) => void;
interface AppCallback extends grpc.Client {
  ListTopicSubscriptions: Unary<object, { subscriptions: Array<{ pubsub_name: string; topic: string }> }>;
  OnTopicEvent: Unary<TopicEvent, { status: 'SUCCESS' | 'RETRY' | 'DROP' }>;
}

const CALL_TIMEOUT_MS = 5000;
const RETRIES = 3;

function callApp<Req, Res>(method: Unary<Req, Res>, client: AppCallback, request: Req): Promise<Res> {
  return new Promise((resolve, reject) => {
    method.call(client, request, { deadline: Date.now() + CALL_TIMEOUT_MS }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

export class AppDelivery {
  private readonly client: AppCallback;
  private readonly unsubscribes: Array<() => Promise<void>> = [];

  private constructor(
    private readonly target: AppTarget,
    private readonly warn: (message: string) => void,
  ) {
    this.client = new AppCallbackClient(`${target.host}:${target.port}`, grpc.credentials.createInsecure()) as unknown as AppCallback;
  }

  /** Subscribes to what the app asks for; an app that does not answer is a warning, not a failure. */
  static async start(components: Components, target: AppTarget, warn: (message: string) => void): Promise<AppDelivery> {
    const delivery = new AppDelivery(target, warn);
    try {
      const { subscriptions } = await callApp(delivery.client.ListTopicSubscriptions, delivery.client, {});
      for (const { pubsub_name, topic } of subscriptions) {
        delivery.unsubscribes.push(
          await components.subscribe(pubsub_name, topic, (message) => {
            void delivery.deliver(topicEvent(target.appId, pubsub_name, topic, message));
          }),
        );
      }
    } catch (err) {
      warn(`no pub/sub delivery to app ${target.host}:${target.port}: ${(err as Error).message}`);
    }
    return delivery;
  }

  private async deliver(event: TopicEvent): Promise<void> {
    for (let attempt = 1; attempt <= RETRIES; attempt++) {
      try {
        const { status } = await callApp(this.client.OnTopicEvent, this.client, event);
        if (status !== 'RETRY') return;
      } catch (err) {
        if (attempt === RETRIES) this.warn(`event ${event.id} on ${event.topic} not delivered: ${(err as Error).message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.unsubscribes.map((unsubscribe) => unsubscribe()));
    this.client.close();
  }
}
