// Keeps each message it is handed under `msg:<data>` in the state_demo bucket: its topic, content
// type and metadata, so that a test reads back from redis what reached it. "refuse" is refused.
import { open } from 'wasi:keyvalue/store@0.2.0-draft';

export const incomingHandler = {
  handle(message) {
    const data = new TextDecoder().decode(message.data());
    if (data === 'refuse') throw { tag: 'other', val: 'refused' };
    const metadata = (message.metadata() ?? []).map(([key, value]) => `${key}=${value}`).join(',');
    const seen = `${message.topic()} ${message.contentType() ?? 'none'} ${metadata}`;
    open('state_demo').set(`msg:${data}`, new TextEncoder().encode(seen));
  },
};
