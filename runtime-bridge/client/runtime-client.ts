/** The runtime API over gRPC: wasmctl's sidecar or a real Layotto at `address`. */
import { WasmctlError } from '../../common/index.js';
import {
  UNLOCK_STATUSES,
  type BulkStateItem,
  type ConfigurationItem,
  type ConfigurationScope,
  type InvokeOptions,
  type InvokeResult,
  type PublishOptions,
  type RuntimeApi,
  type StateOperation,
  type StateValue,
  type UnlockStatus,
  type WriteOptions,
} from './api.js';
import { GrpcChannel } from './channel.js';
import { enumValue, methodCodec } from './codec.js';
import { RUNTIME_SERVICE } from './proto-path.js';

export interface RuntimeClientOptions {
  /** Per-call deadline; a slower sidecar gives DeadlineExceeded. */
  deadlineMs?: number;
}

const DEFAULT_DEADLINE_MS = 5000;
const FIRST_WRITE = enumValue('StateOptions.StateConcurrency', 'CONCURRENCY_FIRST_WRITE');

// protobufjs decodes into dynamic messages; each read below names a field of our runtime.proto.
type Decoded = Record<string, any>;

const bytes = (value: unknown): Buffer => {
  if (Buffer.isBuffer(value)) return value;
  return value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : Buffer.alloc(0);
};

function stateItem(key: string, value: Uint8Array | undefined, options: WriteOptions) {
  return {
    key,
    value: value ?? new Uint8Array(0),
    ...(options.etag ? { etag: { value: options.etag } } : {}),
    ...(options.concurrency === 'first-write' ? { options: { concurrency: FIRST_WRITE } } : {}),
  };
}

const unlockStatus = (status: unknown): UnlockStatus => UNLOCK_STATUSES[Number(status ?? 0)] ?? 'lock-unexist';

function configurationItem(item: Decoded): ConfigurationItem {
  return { key: item.key, content: item.content, group: item.group, label: item.label, tags: { ...item.tags } };
}

export class RuntimeClient implements RuntimeApi {
  private readonly channel: GrpcChannel;
  private readonly deadlineMs: number;

  constructor(address: string, options: RuntimeClientOptions = {}) {
    if (!/^[^\s/]+:\d{1,5}$/.test(address)) {
      throw new WasmctlError('InvalidArgument', `sidecar address must be host:port, got "${address}"`);
    }
    this.channel = new GrpcChannel(address, RUNTIME_SERVICE);
    this.deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  }

  get address(): string {
    return this.channel.address;
  }

  private async call(method: string, request: object): Promise<Decoded> {
    const codec = methodCodec(method);
    return codec.decode(await this.channel.unary(method, codec.encode(request), this.deadlineMs));
  }

  async sayHello(service: string, name: string): Promise<string> {
    return (await this.call('SayHello', { serviceName: service, name })).hello;
  }

  async getState(store: string, key: string): Promise<StateValue | null> {
    const { data, etag } = await this.call('GetState', { storeName: store, key });
    const value = bytes(data);
    // The wire has no "absent": Layotto answers an absent key with an empty message.
    return value.length === 0 && !etag ? null : { value, etag };
  }

  async getBulkState(store: string, keys: string[]): Promise<BulkStateItem[]> {
    const { items } = await this.call('GetBulkState', { storeName: store, keys });
    return (items as Decoded[]).map((item) => {
      const value = bytes(item.data);
      return {
        key: item.key,
        value: value.length === 0 && !item.etag ? null : value,
        etag: item.etag,
        ...(item.error ? { error: item.error } : {}),
      };
    });
  }

  async saveState(store: string, key: string, value: Uint8Array, options: WriteOptions = {}): Promise<void> {
    await this.call('SaveState', { storeName: store, states: [stateItem(key, value, options)] });
  }

  async deleteState(store: string, key: string, options: WriteOptions = {}): Promise<void> {
    const { etag, options: stateOptions } = stateItem(key, undefined, options);
    await this.call('DeleteState', { storeName: store, key, etag, options: stateOptions });
  }

  async transact(store: string, operations: StateOperation[]): Promise<void> {
    await this.call('ExecuteStateTransaction', {
      storeName: store,
      operations: operations.map((o) => ({ operationType: o.op, request: stateItem(o.key, o.value, o) })),
    });
  }

  async publish(pubsub: string, topic: string, data: Uint8Array, options: PublishOptions = {}): Promise<void> {
    await this.call('PublishEvent', {
      pubsubName: pubsub,
      topic,
      data,
      dataContentType: options.contentType ?? '',
      metadata: options.metadata ?? {},
    });
  }

  async nextId(store: string, key: string): Promise<bigint> {
    return BigInt(String((await this.call('GetNextId', { storeName: store, key })).nextId));
  }

  async tryLock(store: string, resourceId: string, owner: string, expireSeconds: number): Promise<boolean> {
    const { success } = await this.call('TryLock', { storeName: store, resourceId, lockOwner: owner, expire: expireSeconds });
    return success === true;
  }

  async unlock(store: string, resourceId: string, owner: string): Promise<UnlockStatus> {
    return unlockStatus((await this.call('Unlock', { storeName: store, resourceId, lockOwner: owner })).status);
  }

  async lockKeepAlive(store: string, resourceId: string, owner: string, expireSeconds: number): Promise<UnlockStatus> {
    const { status } = await this.call('LockKeepAlive', { storeName: store, resourceId, lockOwner: owner, expire: expireSeconds });
    return unlockStatus(status);
  }

  async invoke(id: string, method: string, data: Uint8Array, options: InvokeOptions = {}): Promise<InvokeResult> {
    const httpExtension = options.verb || options.querystring
      ? { verb: enumValue('HTTPExtension.Verb', options.verb ?? 'NONE'), querystring: options.querystring ?? '' }
      : undefined;
    const response = await this.call('InvokeService', {
      id,
      message: { method, data: { typeUrl: '', value: data }, contentType: options.contentType ?? '', httpExtension },
    });
    return { data: bytes(response.data?.value), contentType: response.contentType };
  }

  async getConfiguration(store: string, scope: ConfigurationScope, keys: string[]): Promise<ConfigurationItem[]> {
    const { items } = await this.call('GetConfiguration', { storeName: store, ...this.scope(scope), keys });
    return (items as Decoded[]).map(configurationItem);
  }

  async saveConfiguration(store: string, appId: string, items: ConfigurationItem[]): Promise<void> {
    await this.call('SaveConfiguration', { storeName: store, appId, items });
  }

  async deleteConfiguration(store: string, scope: ConfigurationScope, keys: string[]): Promise<void> {
    await this.call('DeleteConfiguration', { storeName: store, ...this.scope(scope), keys });
  }

  private scope(scope: ConfigurationScope) {
    return { appId: scope.appId, group: scope.group ?? '', label: scope.label ?? '' };
  }

  /** Ends the HTTP/2 session; calls made after this open a new one. */
  close(): void {
    this.channel.close();
  }
}
