/** What one component of each kind must do; `in-memory` and `redis` implement these. */
import type { ConfigurationItem, ConfigurationScope, StateOperation, StateValue, UnlockStatus } from '../../client/api.js';

export interface StateStore {
  get(key: string): Promise<StateValue | null>;
  /** Applies every operation or none, by etag.ts's rules: Aborted on a mismatch, InvalidArgument on a bad etag. */
  apply(operations: StateOperation[]): Promise<void>;
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

export interface Sequencer {
  next(key: string): Promise<bigint>;
  close(): Promise<void>;
}

export interface LockStore {
  tryLock(resourceId: string, owner: string, expireSeconds: number): Promise<boolean>;
  unlock(resourceId: string, owner: string): Promise<UnlockStatus>;
  keepAlive(resourceId: string, owner: string, expireSeconds: number): Promise<UnlockStatus>;
  close(): Promise<void>;
}

export interface ConfigStore {
  get(scope: ConfigurationScope, keys: string[]): Promise<ConfigurationItem[]>;
  save(appId: string, items: ConfigurationItem[]): Promise<void>;
  delete(scope: ConfigurationScope, keys: string[]): Promise<void>;
  close(): Promise<void>;
}

export interface Hello {
  sayHello(name: string): string;
}
