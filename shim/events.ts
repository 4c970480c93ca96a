/**
 * Task events forwarded to containerd's ttrpc Events service, in the order they happen: one queue,
 * so `/tasks/exit` can never overtake `/tasks/start`. A failed forward is logged, never thrown:
 * the task itself must not fail because containerd is slow to take an event.
 */
import { TtrpcClient } from './ttrpc-client.js';
import { anyOf, eventsService, timestampOf } from './protocol.js';

export type TaskTopic = '/tasks/create' | '/tasks/start' | '/tasks/exit' | '/tasks/delete';

const EVENT_TYPES: Record<TaskTopic, string> = {
  '/tasks/create': 'containerd.events.TaskCreate',
  '/tasks/start': 'containerd.events.TaskStart',
  '/tasks/exit': 'containerd.events.TaskExit',
  '/tasks/delete': 'containerd.events.TaskDelete',
};

export class EventPublisher {
  private readonly client: TtrpcClient;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    ttrpcAddress: string,
    private readonly log: (message: string) => void,
  ) {
    this.client = new TtrpcClient(ttrpcAddress);
  }

  publish(namespace: string, topic: TaskTopic, event: object): Promise<void> {
    const request = {
      envelope: { timestamp: timestampOf(new Date()), namespace, topic, event: anyOf(EVENT_TYPES[topic], event) },
    };
    this.queue = this.queue.then(() =>
      this.client.invoke(eventsService, 'Forward', request).then(
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
