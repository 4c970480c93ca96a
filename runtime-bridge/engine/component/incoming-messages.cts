/**
 * The worker's half of a messaging handler's subscription (messaging-host.ts is the main thread's):
 * a component exporting wasi:messaging/incoming-handler asks the host for its next message, one
 * long-poll host call at a time, and says with the next ask how the last one went — so the
 * broker's acknowledgement waits for the handler. A run's stop (Ctrl-C, --timeout) ends the loop.
 */
import { Parts, encodeParts } from '../../abi/payload.cjs';
import { AbiStatus } from '../../abi/status.cjs';
import type { CallHost } from '../worker/host-channel.cjs';
import { Message } from './host/messaging.cjs';

export const NEXT_MESSAGE = 'wasmctl.NextMessage';
/** How the last message went, carried by the next NextMessage call. */
export type Outcome = '' | 'handled' | 'failed';

export type IncomingHandler = { handle(message: Message): unknown };

/** A message as NextMessage answers it: topic, content type, data, then metadata keys and values. */
export function encodeMessage(topic: string, contentType: string, data: Uint8Array, metadata: Record<string, string>): Uint8Array {
  return encodeParts([topic, contentType, data, ...Object.entries(metadata).flat()]);
}

function decodeMessage(payload: Uint8Array): Message {
  const parts = new Parts(payload);
  const message = new Message(parts.bytes(2)?.slice() ?? new Uint8Array(), parts.text(0));
  const contentType = parts.text(1);
  if (contentType) message.setContentType(contentType);
  const meta: Array<[string, string]> = [];
  for (let i = 3; i + 1 < parts.length; i += 2) meta.push([parts.text(i), parts.text(i + 1)]);
  if (meta.length > 0) message.setMetadata(meta);
  return message;
}

/**
 * Calls `handler.handle` per message until the run is stopped. Its `error` case fails that message
 * (delivered again, as an app callback's RETRY is); a trap or exit ends the run as a command's does.
 * Resolves to a failure line when the run has no subscription to serve.
 */
export function serveMessages(handler: IncomingHandler, callHost: CallHost | null): string {
  if (!callHost) return 'the component exports wasi:messaging/incoming-handler, but this run has no runtime API';
  let outcome: Outcome = '';
  for (;;) {
    const reply = callHost(NEXT_MESSAGE, encodeParts([outcome]));
    outcome = '';
    if (reply.status === AbiStatus.Empty) continue;
    if (reply.status !== AbiStatus.Ok) return new TextDecoder().decode(reply.data);
    try {
      handler.handle(decodeMessage(reply.data));
      outcome = 'handled';
    } catch (err) {
      // The export's error case: jco's glue throws its payload (a variant, or a ComponentError in older glue).
      if (err instanceof Error && err.name !== 'ComponentError') throw err;
      outcome = 'failed';
    }
  }
}
