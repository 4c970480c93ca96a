/** Messages between an HTTP component instance (http-instance.ts) and its worker (http-worker.cts). */
import type { HostChannelConfig } from '../../worker/host-channel.cjs';
import type { ComponentPayload } from '../payload.cjs';
import type { HttpRequest, HttpResponse } from './types.cjs';

export interface HttpStart {
  component: ComponentPayload;
  args: string[];
  env: string[];
  /** The image's rootfs the component's wasi:filesystem sees, null for a bare file. */
  rootfs: string | null;
  /** The runtime API's channel (wasi:keyvalue, config, messaging), when the gateway has one. */
  hostCalls: HostChannelConfig | null;
}

export type FromHttpWorker =
  | { type: 'ready' }
  /** It could not start (missing import, not a proxy): the instance is unusable. */
  | { type: 'failed'; message: string }
  | { type: 'response'; response: HttpResponse }
  /** The request trapped or the component answered nothing; the instance must not be reused. */
  | { type: 'trapped'; message: string };

export type ToHttpWorker = HttpRequest;
