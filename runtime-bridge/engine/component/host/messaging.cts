/**
 * wasi:messaging producer (0.2.0-draft) over the run's runtime API: a client is the Layotto
 * pub/sub component of the name it connects to, `send` is PublishEvent of the message's data on
 * the topic. Content type and metadata stay with the message (the host call carries data only).
 */
import type { CallHost } from '../../worker/host-channel.cjs';
import { runtimeCall } from './runtime-call.cjs';

/** A message the guest makes (no topic until sent), or one delivered to its handler (the topic it came on). */
export class Message {
  private contentTypeValue: string | undefined;
  private meta: Array<[string, string]> | undefined;

  constructor(
    private bytes: Uint8Array,
    private readonly topicValue?: string,
  ) {}

  topic(): string | undefined {
    return this.topicValue;
  }

  contentType(): string | undefined {
    return this.contentTypeValue;
  }

  setContentType(value: string): void {
    this.contentTypeValue = value;
  }

  data(): Uint8Array {
    return this.bytes;
  }

  setData(bytes: Uint8Array): void {
    this.bytes = bytes;
  }

  metadata(): Array<[string, string]> | undefined {
    return this.meta;
  }

  addMetadata(key: string, value: string): void {
    this.meta = [...(this.meta ?? []), [key, value]];
  }

  setMetadata(meta: Array<[string, string]>): void {
    this.meta = meta;
  }

  removeMetadata(key: string): void {
    this.meta = this.meta?.filter(([k]) => k !== key);
  }
}

class Client {
  constructor(readonly pubsub: string) {}

  static connect(name: string): Client {
    return new Client(name);
  }

  disconnect(): void {}
}

export function messaging(callHost: CallHost) {
  const call = runtimeCall(callHost, (why) => ({ tag: 'other', val: why }));
  return {
    'wasi:messaging/types': { Client, Message },
    'wasi:messaging/producer': {
      send: (client: Client, topic: string, message: Message): void => {
        call('PublishEvent', [client.pubsub, topic, message.data()]);
      },
    },
  };
}
