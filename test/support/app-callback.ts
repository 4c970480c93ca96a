/**
 * A test app serving Layotto's AppCallback (a grpc-js server, our generated messages): it subscribes
 * to what it is told, records every OnTopicEvent and answers what `answer` says.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import * as grpc from '@grpc/grpc-js';
import { APP_CALLBACK_METHODS, v1 } from '../../runtime-bridge/client/index.js';
import type { TopicEvent } from '../../runtime-bridge/sidecar/index.js';
import { grpcJsService } from './grpc-js.js';

/** What OnTopicEvent receives: the sidecar's TopicEventRequest. */
export type AppEvent = TopicEvent;

/** HANG never answers: the call stays open, as an app stuck in its handler. */
export type Answer = 'SUCCESS' | 'RETRY' | 'DROP' | 'HANG';

export interface AppOptions {
  subscriptions: v1.TopicSubscription.$Properties[];
  /** Listen here (an app restarted at the address its sidecar knows); 0 picks one. */
  port?: number;
  /** `n` counts this app's calls from 1. */
  answer?: (event: AppEvent, n: number) => Answer;
}

export interface TestApp {
  port: number;
  events: AppEvent[];
  /** Resolves once `count` events came, or rejects after `ms`. */
  waitFor(count: number, ms?: number): Promise<void>;
  stop(): void;
}

export async function startApp(options: AppOptions): Promise<TestApp> {
  const server = new grpc.Server();
  const events: AppEvent[] = [];
  server.addService(grpcJsService(APP_CALLBACK_METHODS), {
    ListTopicSubscriptions: (_call: unknown, callback: grpc.sendUnaryData<object>) =>
      callback(null, { subscriptions: options.subscriptions }),
    OnTopicEvent: (call: grpc.ServerUnaryCall<AppEvent, object>, callback: grpc.sendUnaryData<object>) => {
      events.push(call.request);
      const answer = options.answer?.(call.request, events.length) ?? 'SUCCESS';
      if (answer !== 'HANG') callback(null, { status: v1.TopicEventResponse.TopicEventResponseStatus[answer] });
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${options.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    port,
    events,
    async waitFor(count, ms = 10_000) {
      const until = Date.now() + ms;
      while (events.length < count) {
        if (Date.now() > until) throw new Error(`${events.length} of ${count} events came within ${ms}ms`);
        await sleep(20);
      }
    },
    stop: () => server.forceShutdown(),
  };
}
