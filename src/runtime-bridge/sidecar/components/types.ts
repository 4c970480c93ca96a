/** What one component of each kind must do; `in-memory` and `redis` implement these. */
import type { ConfigurationItem, ConfigurationScope, StateOperation, StateValue, UnlockStatus } from '../../client/api.js';

export interface StateStore {
  get(key: string): Promise<StateValue | null>;
  /** Applies every operation or none, by etag.ts's rules: Aborted on a mismatch, InvalidArgument on a bad etag. */
  apply(operations: StateOperation[]): Promise<void>;
  close(): Promise<void>;
}

export interface PubSubMessage {
  data: Buffer;
  contentType: string;
  metadata: Record<string, string>;
}

export type MessageHandler = (message: PubSubMessage) => void;

export interface PubSub {
  publish(topic: string, message: PubSubMessage): Promise<void>;
  /** Resolves once the subscription is live; the returned function ends it. */
  subscribe(topic: string, handler: MessageHandler): Promise<() => Promise<void>>;
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
