/**
 * The runtime API as host functions see it. Two implementations: the embedded sidecar's
 * in-process components (a Map lookup, no network) and the gRPC client (ours or a real Layotto
 * behind it), so the Wasm host ABI does not know which one serves it.
 */

export interface StateValue {
  value: Buffer;
  /** Opaque version; empty when the store keeps none (a plain string set by `redis-cli set`). */
  etag: string;
}

export interface BulkStateItem {
  key: string;
  /** null when the key is absent. */
  value: Buffer | null;
  etag: string;
  /** Set when reading this one key failed; the other items still count. */
  error?: string;
}

export type Concurrency = 'first-write' | 'last-write';

export interface WriteOptions {
  /**
   * The write succeeds only if the stored etag still equals this one; none, empty or "0" checks
   * nothing (Layotto's SDKs send "0"), unless the key was written with first-write.
   */
  etag?: string;
  /** first-write marks the key: later writes must then give its current etag. */
  concurrency?: Concurrency;
}

export interface StateOperation extends WriteOptions {
  op: 'upsert' | 'delete';
  key: string;
  value?: Uint8Array;
}

export interface PublishOptions {
  contentType?: string;
  metadata?: Record<string, string>;
}

/** In the wire enum's order (UnlockResponse.Status, LockKeepAliveResponse.Status). */
export const UNLOCK_STATUSES = ['success', 'lock-unexist', 'lock-belong-to-others'] as const;
export type UnlockStatus = (typeof UNLOCK_STATUSES)[number];

export interface InvokeOptions {
  contentType?: string;
  /** HTTP verb for the forwarded call; POST when unset. */
  verb?: string;
  querystring?: string;
}

export interface InvokeResult {
  data: Buffer;
  contentType: string;
}

export interface ConfigurationItem {
  key: string;
  content: string;
  group: string;
  label: string;
  tags: Record<string, string>;
}

export interface ConfigurationScope {
  appId: string;
  group?: string;
  label?: string;
}

/**
 * A value at once when the answer needs no I/O (the embedded in-memory components), so that a
 * module on the same thread gets it without waiting; else a promise of it.
 */
export type Maybe<T> = T | Promise<T>;

/** `f` applied to the value now, or once it resolves: a Maybe stays synchronous when it can. */
export const mapMaybe = <T, U>(value: Maybe<T>, f: (value: T) => Maybe<U>): Maybe<U> =>
  value instanceof Promise ? value.then(f) : f(value);

export interface RuntimeApi {
  sayHello(service: string, name: string): Promise<string>;
  /** null when the key is absent. */
  getState(store: string, key: string): Promise<StateValue | null>;
  getBulkState(store: string, keys: string[]): Promise<BulkStateItem[]>;
  saveState(store: string, key: string, value: Uint8Array, options?: WriteOptions): Promise<void>;
  deleteState(store: string, key: string, options?: WriteOptions): Promise<void>;
  /** All operations or none: an etag mismatch on one fails the whole transaction. */
  transact(store: string, operations: StateOperation[]): Promise<void>;
  publish(pubsub: string, topic: string, data: Uint8Array, options?: PublishOptions): Promise<void>;
  nextId(store: string, key: string): Promise<bigint>;
  tryLock(store: string, resourceId: string, owner: string, expireSeconds: number): Promise<boolean>;
  unlock(store: string, resourceId: string, owner: string): Promise<UnlockStatus>;
  lockKeepAlive(store: string, resourceId: string, owner: string, expireSeconds: number): Promise<UnlockStatus>;
  invoke(id: string, method: string, data: Uint8Array, options?: InvokeOptions): Promise<InvokeResult>;
  getConfiguration(store: string, scope: ConfigurationScope, keys: string[]): Promise<ConfigurationItem[]>;
  saveConfiguration(store: string, appId: string, items: ConfigurationItem[]): Promise<void>;
  deleteConfiguration(store: string, scope: ConfigurationScope, keys: string[]): Promise<void>;
}

type HostMethod = 'getState' | 'saveState' | 'deleteState' | 'nextId' | 'tryLock' | 'unlock' | 'getConfiguration' | 'invoke' | 'publish';
type AtOnce<F> = F extends (...args: infer A) => Promise<infer R> ? (...args: A) => Maybe<R> : never;

/** What Layotto's host functions call: RuntimeApi's methods, each answered with a value when it needs no I/O. */
export type HostApi = { [K in HostMethod]: AtOnce<RuntimeApi[K]> };
