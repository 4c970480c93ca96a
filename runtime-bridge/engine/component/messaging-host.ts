/**
 * The main thread's half of a messaging handler's subscriptions (incoming-messages.cts is the
 * worker's): `--subscribe PUBSUB:TOPIC` subscribes the run to the embedded sidecar's pub/sub
 * component as the app callback's delivery does, and each message waits in a queue until the
 * component asks for it; the broker's acknowledgement waits until the handler has returned, so a
 * failed or unfinished message is delivered again, as an app that answers RETRY gets it.
 */
import { WasmctlError } from '../../../common/index.js';
import { Parts } from '../../abi/payload.cjs';
import { AbiStatus } from '../../abi/status.cjs';
import type { HostCallReply, HostCalls } from '../../types.js';
import { encodeMessage, NEXT_MESSAGE, type Outcome } from './incoming-messages.cjs';

export interface Subscription {
  pubsub: string;
  topic: string;
}

interface DeliveredEvent {
  topic: string;
  dataContentType: string;
  data: Uint8Array;
  metadata: Record<string, string>;
}

/** The embedded sidecar's components, as far as subscribing goes (the external sidecar's client cannot). */
export interface Subscriber {
  subscribe(
    pubsub: string,
    topic: string,
    handler: (event: DeliveredEvent, signal: AbortSignal) => Promise<boolean>,
    options: { consumerId: string },
  ): Promise<() => Promise<void>>;
}

/**
 * The consumer group of a run's subscriptions (Layotto's consumerID, an app's app_id): runs of
 * handlers on one topic share its messages, each delivered to one of them.
 */
const CONSUMER_ID = 'wasmctl';
/** How long one NextMessage call waits before answering Empty: the worker asks again at once. */
const POLL_MS = 1000;
const EMPTY = new Uint8Array();

export function parseSubscription(text: string): Subscription {
  const at = text.indexOf(':');
  if (at <= 0 || at === text.length - 1) {
    throw new WasmctlError('InvalidArgument', `--subscribe ${text}: expected PUBSUB:TOPIC`, {
      hint: 'e.g. --subscribe pub_subs_demo:orders',
    });
  }
  return { pubsub: text.slice(0, at), topic: text.slice(at + 1) };
}

interface Pending {
  event: DeliveredEvent;
  settle(done: boolean): void;
}

export interface SubscribedHostCalls {
  hostCalls: HostCalls;
  /** Ends the subscriptions; a message not yet handled is left to the broker to deliver again. */
  close(): Promise<void>;
}

/**
 * `hostCalls` with NextMessage answered from `subscriptions` (subscribed now, each announced on
 * `log` once live, so a publisher knows it will be heard). No subscriptions: NextMessage answers
 * how to ask for one.
 */
export async function withSubscriptions(
  hostCalls: HostCalls,
  subscriptions: readonly Subscription[],
  subscriber: () => Promise<Subscriber | null>,
  log: (line: string) => void,
): Promise<SubscribedHostCalls> {
  const queue: Pending[] = [];
  let inFlight: Pending | undefined;
  let wake: (() => void) | undefined;
  const unsubscribes: Array<() => Promise<void>> = [];
  if (subscriptions.length > 0) {
    const components = await subscriber();
    if (!components) {
      throw new WasmctlError('InvalidArgument', '--subscribe takes messages from the embedded sidecar, not from --sidecar', {
        hint: 'give the pub/sub component with --sidecar-config, on the broker the publishers use',
      });
    }
    for (const { pubsub, topic } of subscriptions) {
      const handler = (event: DeliveredEvent, signal: AbortSignal) =>
        new Promise<boolean>((settle) => {
          const pending = { event, settle };
          signal.addEventListener(
            'abort',
            () => {
              if (queue.includes(pending)) queue.splice(queue.indexOf(pending), 1);
              settle(false);
            },
            { once: true },
          );
          queue.push(pending);
          wake?.();
        });
      unsubscribes.push(await components.subscribe(pubsub, topic, handler, { consumerId: CONSUMER_ID }));
      log(`delivering ${pubsub}/${topic} to the component's wasi:messaging/incoming-handler`);
    }
  }

  async function nextMessage(payload: Uint8Array): Promise<HostCallReply> {
    if (subscriptions.length === 0) {
      const why = 'the component exports wasi:messaging/incoming-handler: subscribe it to a topic with --subscribe PUBSUB:TOPIC';
      return { status: AbiStatus.Unimplemented, data: new TextEncoder().encode(why) };
    }
    inFlight?.settle((new Parts(payload).text(0) as Outcome) === 'handled');
    inFlight = undefined;
    if (queue.length === 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, POLL_MS);
        wake = () => (clearTimeout(timer), resolve());
      });
      wake = undefined;
    }
    inFlight = queue.shift();
    if (!inFlight) return { status: AbiStatus.Empty, data: EMPTY };
    const { topic, dataContentType, data, metadata } = inFlight.event;
    return { status: AbiStatus.Ok, data: encodeMessage(topic, dataContentType, data, metadata) };
  }

  return {
    hostCalls: {
      ...hostCalls,
      handle: (method, payload) => (method === NEXT_MESSAGE ? nextMessage(payload) : hostCalls.handle(method, payload)),
    },
    close: async () => {
      for (const pending of [...(inFlight ? [inFlight] : []), ...queue.splice(0)]) pending.settle(false);
      await Promise.all(unsubscribes.map((unsubscribe) => unsubscribe()));
    },
  };
}
