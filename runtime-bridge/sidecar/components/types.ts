/** What one component of each kind must do; `in-memory` and `redis` implement these. */
import type { Maybe, ConfigurationItem, ConfigurationScope, StateOperation, StateValue, UnlockStatus } from '../../client/api.js';

/**
 * `immediate`: the component answers without I/O, its Maybe methods returning values, not promises
 * (the in-memory ones), so the embedded host functions can answer a module on their own thread.
 */
interface Immediate {
  readonly immediate?: boolean;
}

export interface StateStore extends Immediate {
  get(key: string): Maybe<StateValue | null>;
  /** Applies every operation or none, by etag.ts's rules: Aborted on a mismatch, InvalidArgument on a bad etag. */
  apply(operations: StateOperation[]): Maybe<void>;
  close(): Promise<void>;
}

/**
 * One delivery of a message's payload (Layotto's CloudEvent JSON, as stored): resolves true when
 * the subscriber is done with it (acknowledge), false when it must come again. `signal` aborts
 * when the component gives up on this delivery (processing timeout, subscription ended).
 */
export type MessageHandler = (payload: Buffer, signal: AbortSignal) => Promise<boolean>;

export interface SubscribeOptions {
  /** The consumer group, over the component's `consumerID` and the app id. */
  consumerId?: string;
}

export interface PubSub {
  publish(topic: string, payload: Buffer): Promise<void>;
  /** Resolves once the subscription is live; the returned function ends it. */
  subscribe(topic: string, handler: MessageHandler, options?: SubscribeOptions): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface Sequencer extends Immediate {
  next(key: string): Maybe<bigint>;
  close(): Promise<void>;
}

export interface LockStore extends Immediate {
  tryLock(resourceId: string, owner: string, expireSeconds: number): Maybe<boolean>;
  unlock(resourceId: string, owner: string): Maybe<UnlockStatus>;
  keepAlive(resourceId: string, owner: string, expireSeconds: number): Promise<UnlockStatus>;
  close(): Promise<void>;
}

export interface ConfigStore extends Immediate {
  get(scope: ConfigurationScope, keys: string[]): Maybe<ConfigurationItem[]>;
  save(appId: string, items: ConfigurationItem[]): Promise<void>;
  delete(scope: ConfigurationScope, keys: string[]): Promise<void>;
  close(): Promise<void>;
}

export interface Hello {
  sayHello(name: string): string;
}
