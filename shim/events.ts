/**
 * Task events. The task service publishes to an EventSink; the server's sink forwards each to
 * containerd's ttrpc Events service, in the order they happen: one queue, so `/tasks/exit` can
 * never overtake `/tasks/start`. A failed forward is logged, never thrown: the task itself must not
 * fail because containerd is slow to take an event.
 */
import { containerd } from './gen/containerd.js';
import { anyOf, EVENTS_SERVICE, timestampOf, type AnyMessage } from './protocol.js';
import { TtrpcClient } from './ttrpc/index.js';

const events = containerd.events;

/** Each topic's message, as containerd's runtime v2 publishes it. */
export interface TaskEvents {
  '/tasks/create': containerd.events.TaskCreate.$Properties;
  '/tasks/start': containerd.events.TaskStart.$Properties;
  '/tasks/exit': containerd.events.TaskExit.$Properties;
  '/tasks/delete': containerd.events.TaskDelete.$Properties;
}

export type TaskTopic = keyof TaskEvents;

export interface EventSink {
  publish<T extends TaskTopic>(namespace: string, topic: T, event: TaskEvents[T]): void;
}

const ENCODERS: { [T in TaskTopic]: (event: TaskEvents[T]) => AnyMessage } = {
  '/tasks/create': (e) => anyOf('containerd.events.TaskCreate', events.TaskCreate, e),
  '/tasks/start': (e) => anyOf('containerd.events.TaskStart', events.TaskStart, e),
  '/tasks/exit': (e) => anyOf('containerd.events.TaskExit', events.TaskExit, e),
  '/tasks/delete': (e) => anyOf('containerd.events.TaskDelete', events.TaskDelete, e),
};

export class EventPublisher implements EventSink {
  private readonly client: TtrpcClient;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    ttrpcAddress: string,
    private readonly log: (message: string) => void,
  ) {
    this.client = new TtrpcClient(ttrpcAddress);
  }

  publish<T extends TaskTopic>(namespace: string, topic: T, event: TaskEvents[T]): Promise<void> {
    const envelope = { timestamp: timestampOf(new Date()), namespace, topic, event: ENCODERS[topic](event) };
    this.queue = this.queue.then(() =>
      this.client.invoke(EVENTS_SERVICE, 'Forward', { envelope }).then(
        () => undefined,
        (err: Error) => this.log(`forwarding ${topic} failed: ${err.message}`),
      ),
    );
    return this.queue;
  }

  /** Closes the connection once the events already published have been forwarded. */
  async close(): Promise<void> {
    await this.queue;
    this.client.close();
  }
}
