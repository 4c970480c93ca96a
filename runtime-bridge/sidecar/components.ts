/**
 * The sidecar's component set behind the runtime API. The gRPC handlers and the embedded mode's
 * host calls both call these methods: one code path, no network for the embedded case.
 */
import { WasmctlError } from '../../common/index.js';
import type {
  BulkStateItem,
  ConfigurationItem,
  ConfigurationScope,
  InvokeOptions,
  InvokeResult,
  HostApi,
  Maybe,
  PublishOptions,
  RuntimeApi,
  StateOperation,
  StateValue,
  UnlockStatus,
  WriteOptions,
} from '../client/api.js';
import type { ComponentConfig, SidecarConfig } from './config.js';
import { HelloWorld, MemoryConfigStore, MemoryLockStore, MemorySequencer, MemoryStateStore } from './components/memory.js';
import { MemoryPubSub } from './components/memory-pubsub.js';
import { pubsubOptions, type PubSubOptions } from './components/pubsub-options.js';
import { RedisLockStore, RedisSequencer, RedisStateStore } from './components/redis.js';
import { connectRedis } from './components/redis-connection.js';
import { RedisStreamsPubSub } from './components/redis-streams.js';
import type { ConfigStore, Hello, LockStore, PubSub, Sequencer, StateStore, SubscribeOptions } from './components/types.js';
import { type TopicEvent, unwrapEvent, wrapEvent } from './cloudevent.js';
import { HttpInvoker } from './invoke.js';

interface FactoryContext {
  appId: string;
  warn: (message: string) => void;
}
type Factory<T> = (name: string, config: ComponentConfig, context: FactoryContext) => T;

/** Layotto's rule: a pub/sub's consumer group is its `consumerID`, else the app id. */
function pubsubConfig(name: string, config: ComponentConfig, { appId }: FactoryContext): PubSubOptions {
  const options = pubsubOptions(name, config.metadata);
  return { ...options, consumerID: options.consumerID?.trim() || appId };
}

/** A subscriber of events: true when done with one (SUCCESS or DROP), false to get it again. */
export type EventHandler = (event: TopicEvent, signal: AbortSignal) => Promise<boolean>;

interface ComponentsByKind {
  state: StateStore;
  pub_subs: PubSub;
  sequencer: Sequencer;
  lock: LockStore;
  config_store: ConfigStore;
  hellos: Hello;
}
type Kind = keyof ComponentsByKind;

/** Component types per kind; a type not listed is skipped with a warning. */
const FACTORIES: { [K in Kind]: Record<string, Factory<ComponentsByKind[K]>> } = {
  state: {
    'in-memory': () => new MemoryStateStore(),
    redis: (name, c) => new RedisStateStore(connectRedis(name, c.metadata)),
  },
  pub_subs: {
    'in-memory': (name, c, context) => new MemoryPubSub(pubsubConfig(name, c, context), context.warn),
    redis: (name, c, context) => new RedisStreamsPubSub(connectRedis(name, c.metadata), pubsubConfig(name, c, context), context.warn),
  },
  sequencer: {
    'in-memory': () => new MemorySequencer(),
    redis: (name, c) => new RedisSequencer(connectRedis(name, c.metadata)),
  },
  lock: {
    'in-memory': () => new MemoryLockStore(),
    redis: (name, c) => new RedisLockStore(connectRedis(name, c.metadata)),
  },
  config_store: {
    'in-memory': () => new MemoryConfigStore(),
  },
  hellos: {
    helloworld: (_name, c) => new HelloWorld(typeof c.hello === 'string' ? c.hello : 'greetings'),
  },
};

/** How each kind is named in messages ("state store \"x\" is not configured"). */
const NOUNS: Record<Kind, string> = {
  state: 'state store',
  pub_subs: 'pub/sub',
  sequencer: 'sequencer',
  lock: 'lock store',
  config_store: 'configuration store',
  hellos: 'hello service',
};

function build<K extends Kind>(
  kind: K,
  section: Record<string, ComponentConfig> | undefined,
  context: FactoryContext,
): Map<string, ComponentsByKind[K]> {
  const built = new Map<string, ComponentsByKind[K]>();
  const factories: Record<string, Factory<ComponentsByKind[K]>> = FACTORIES[kind];
  for (const [name, config] of Object.entries(section ?? {})) {
    const factory = factories[config.type];
    if (factory) built.set(name, factory(name, config, context));
    else
      context.warn(
        `skipping ${NOUNS[kind]} "${name}": type "${config.type}" is not supported (supported: ${Object.keys(factories).join(', ')})`,
      );
  }
  return built;
}

function required(field: string, value: string): void {
  if (!value) throw new WasmctlError('InvalidArgument', `${field} is required`);
}

/** The host functions' methods that an in-memory component answers at once, and the kind it is of. */
const IMMEDIATE_METHODS: Record<string, 'state' | 'sequencer' | 'lock' | 'config_store'> = {
  GetState: 'state',
  SaveState: 'state',
  DeleteState: 'state',
  GetNextId: 'sequencer',
  TryLock: 'lock',
  Unlock: 'lock',
  GetConfiguration: 'config_store',
};

export interface ComponentOptions {
  invokeEndpoint?: string;
  /** The app's id: the default consumer group of its subscriptions. */
  appId?: string;
  /** Where "skipping component" warnings go; stderr when unset. */
  warn?: (message: string) => void;
}

export class Components implements RuntimeApi {
  private readonly state: Map<string, StateStore>;
  private readonly pubsubs: Map<string, PubSub>;
  private readonly sequencers: Map<string, Sequencer>;
  private readonly locks: Map<string, LockStore>;
  private readonly configStores: Map<string, ConfigStore>;
  private readonly hellos: Map<string, Hello>;
  private readonly invoker: HttpInvoker;

  constructor(config: SidecarConfig, options: ComponentOptions = {}) {
    const warn = options.warn ?? ((m: string) => process.stderr.write(`wasmctl sidecar: ${m}\n`));
    const context = { appId: options.appId ?? config.app?.app_id ?? '', warn };
    this.state = build('state', config.state, context);
    this.pubsubs = build('pub_subs', config.pub_subs, context);
    this.sequencers = build('sequencer', config.sequencer, context);
    this.locks = build('lock', config.lock, context);
    this.configStores = build('config_store', config.config_store, context);
    this.hellos = build('hellos', config.hellos, context);
    this.invoker = new HttpInvoker(options.invokeEndpoint);
  }

  /** Names of the configured components, per kind. */
  describe(): Record<Kind, string[]> {
    return {
      state: [...this.state.keys()],
      pub_subs: [...this.pubsubs.keys()],
      sequencer: [...this.sequencers.keys()],
      lock: [...this.locks.keys()],
      config_store: [...this.configStores.keys()],
      hellos: [...this.hellos.keys()],
    };
  }

  /**
   * True when every component that `method` (a Runtime method's name) can reach answers without
   * I/O: its answer is then a value, not a promise, and a module can get it on this thread.
   */
  answersAtOnce(method: string): boolean {
    const kind = IMMEDIATE_METHODS[method];
    if (!kind) return false;
    const components = { state: this.state, sequencer: this.sequencers, lock: this.locks, config_store: this.configStores }[kind];
    return [...components.values()].every((component) => component.immediate === true);
  }

  private pick<T>(kind: Kind, components: Map<string, T>, name: string): T {
    // The field's name is built only for the error: this runs on every host call.
    if (!name) required(`${NOUNS[kind]} name`, name);
    const found = components.get(name);
    if (found) return found;
    const known = [...components.keys()];
    throw new WasmctlError('InvalidArgument', `${NOUNS[kind]} "${name}" is not configured`, {
      hint: known.length ? `configured: ${known.join(', ')}` : `no ${NOUNS[kind]} is configured`,
    });
  }

  async sayHello(service: string, name: string): Promise<string> {
    // Layotto answers an unnamed hello with its only (here: first) hello component.
    const hello = service ? this.pick('hellos', this.hellos, service) : this.hellos.values().next().value;
    if (!hello) throw new WasmctlError('InvalidArgument', 'no hello service is configured');
    return hello.sayHello(name);
  }

  /**
   * What the host functions call: each method answers with a value, not a promise, when its
   * component needs no I/O (answersAtOnce); RuntimeApi's methods below are these, as promises.
   */
  readonly atOnce: HostApi = {
    getState: (store, key) => {
      const component = this.pick('state', this.state, store);
      required('key', key);
      return component.get(key);
    },
    saveState: (store, key, value, options = {}) =>
      this.write(store, [{ ...options, op: 'upsert', key, value }], `failed saving state in state store ${store}: `),
    deleteState: (store, key, options = {}) =>
      this.write(store, [{ ...options, op: 'delete', key }], `failed deleting state with key ${key}: `),
    nextId: (store, key) => {
      const component = this.pick('sequencer', this.sequencers, store);
      required('key', key);
      return component.next(key);
    },
    tryLock: (store, resourceId, owner, expireSeconds) =>
      this.lockFor(store, resourceId, owner, expireSeconds).tryLock(resourceId, owner, expireSeconds),
    unlock: (store, resourceId, owner) => this.lockFor(store, resourceId, owner).unlock(resourceId, owner),
    getConfiguration: (store, scope, keys) => this.pick('config_store', this.configStores, store).get(scope, keys),
    invoke: (...args) => this.invoke(...args),
    publish: (...args) => this.publish(...args),
  };

  async getState(store: string, key: string): Promise<StateValue | null> {
    return this.atOnce.getState(store, key);
  }

  async getBulkState(store: string, keys: string[]): Promise<BulkStateItem[]> {
    const component = this.pick('state', this.state, store);
    return Promise.all(
      keys.map(async (key): Promise<BulkStateItem> => {
        try {
          const found = await component.get(key);
          return { key, value: found?.value ?? null, etag: found?.etag ?? '' };
        } catch (err) {
          return { key, value: null, etag: '', error: (err as Error).message };
        }
      }),
    );
  }

  async saveState(store: string, key: string, value: Uint8Array, options: WriteOptions = {}): Promise<void> {
    return this.atOnce.saveState(store, key, value, options);
  }

  async deleteState(store: string, key: string, options: WriteOptions = {}): Promise<void> {
    return this.atOnce.deleteState(store, key, options);
  }

  /** SaveState's items, all or none. */
  async saveStates(store: string, operations: StateOperation[]): Promise<void> {
    return this.write(store, operations, `failed saving state in state store ${store}: `);
  }

  /** DeleteBulkState's items, all or none; Layotto reports the store's cause as it is. */
  async deleteStates(store: string, operations: StateOperation[]): Promise<void> {
    return this.write(store, operations, '');
  }

  async transact(store: string, operations: StateOperation[]): Promise<void> {
    return this.write(store, operations, 'error while executing state transaction: ');
  }

  /** The store's error under Layotto's words for the call; its kind (ABORTED, INVALID_ARGUMENT) kept. */
  private write(store: string, operations: StateOperation[], context: string): Maybe<void> {
    const component = this.pick('state', this.state, store);
    for (const operation of operations) required('key', operation.key);
    if (!operations.length) return;
    const reword = (err: unknown): never => {
      if (!(err instanceof WasmctlError) || !context) throw err;
      throw new WasmctlError(err.kind, `${context}${err.message}`, { cause: err, ...(err.hint ? { hint: err.hint } : {}) });
    };
    try {
      const applied = component.apply(operations);
      return applied instanceof Promise ? applied.catch(reword) : applied;
    } catch (err) {
      return reword(err);
    }
  }

  /** Stores Layotto's CloudEvent envelope of the data, so any Layotto-compatible subscriber reads it. */
  async publish(pubsub: string, topic: string, data: Uint8Array, options: PublishOptions = {}): Promise<void> {
    const component = this.pick('pub_subs', this.pubsubs, pubsub);
    required('topic', topic);
    const payload = wrapEvent({
      pubsub,
      topic,
      data: Buffer.from(data),
      contentType: options.contentType ?? '',
      metadata: options.metadata ?? {},
    });
    await component.publish(topic, payload);
  }

  /**
   * Used by SubscribeTopicEvents and the AppCallback delivery: each message unwrapped into the
   * TopicEventRequest the app gets (expired ones acknowledged unseen); resolves to the unsubscribe.
   */
  async subscribe(pubsub: string, topic: string, handler: EventHandler, options: SubscribeOptions = {}): Promise<() => Promise<void>> {
    const component = this.pick('pub_subs', this.pubsubs, pubsub);
    required('topic', topic);
    return component.subscribe(
      topic,
      async (payload, signal) => {
        const event = unwrapEvent(payload, pubsub, topic);
        return event === null || handler(event, signal);
      },
      options,
    );
  }

  async nextId(store: string, key: string): Promise<bigint> {
    return this.atOnce.nextId(store, key);
  }

  async tryLock(store: string, resourceId: string, owner: string, expireSeconds: number): Promise<boolean> {
    return this.atOnce.tryLock(store, resourceId, owner, expireSeconds);
  }

  async unlock(store: string, resourceId: string, owner: string): Promise<UnlockStatus> {
    return this.atOnce.unlock(store, resourceId, owner);
  }

  async lockKeepAlive(store: string, resourceId: string, owner: string, expireSeconds: number): Promise<UnlockStatus> {
    return this.lockFor(store, resourceId, owner, expireSeconds).keepAlive(resourceId, owner, expireSeconds);
  }

  private lockFor(store: string, resourceId: string, owner: string, expireSeconds?: number): LockStore {
    const component = this.pick('lock', this.locks, store);
    required('resource_id', resourceId);
    required('lock_owner', owner);
    if (expireSeconds !== undefined && (!Number.isInteger(expireSeconds) || expireSeconds <= 0)) {
      throw new WasmctlError('InvalidArgument', `expire must be a positive number of seconds, got ${expireSeconds}`);
    }
    return component;
  }

  invoke(id: string, method: string, data: Uint8Array, options: InvokeOptions = {}): Promise<InvokeResult> {
    required('id', id);
    return this.invoker.invoke(id, method, data, options);
  }

  async getConfiguration(store: string, scope: ConfigurationScope, keys: string[]): Promise<ConfigurationItem[]> {
    return this.atOnce.getConfiguration(store, scope, keys);
  }

  async saveConfiguration(store: string, appId: string, items: ConfigurationItem[]): Promise<void> {
    const component = this.pick('config_store', this.configStores, store);
    for (const item of items) required('configuration item key', item.key);
    await component.save(appId, items);
  }

  deleteConfiguration(store: string, scope: ConfigurationScope, keys: string[]): Promise<void> {
    return this.pick('config_store', this.configStores, store).delete(scope, keys);
  }

  async close(): Promise<void> {
    const all = [this.state, this.pubsubs, this.sequencers, this.locks, this.configStores];
    await Promise.all(all.flatMap((m) => [...m.values()].map((c) => c.close())));
  }
}
