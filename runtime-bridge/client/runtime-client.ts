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
import { RUNTIME_METHODS, configurationItem, int64ToBigint, v1, type Method, type RequestProps, type Response } from './protocol.js';

export interface RuntimeClientOptions {
  /** Per-call deadline; a slower sidecar gives DeadlineExceeded. */
  deadlineMs?: number;
}

const DEFAULT_DEADLINE_MS = 5000;
type Methods = typeof RUNTIME_METHODS;

/** protobufjs decodes bytes as Buffers under Node; a Uint8Array is viewed, not copied. */
const bytes = (value: Uint8Array): Buffer =>
  Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);

function stateItem(key: string, value: Uint8Array | undefined, options: WriteOptions): v1.StateItem.$Properties {
  return {
    key,
    value: value ?? new Uint8Array(0),
    ...(options.etag ? { etag: { value: options.etag } } : {}),
    ...(options.concurrency === 'first-write'
      ? { options: { concurrency: v1.StateOptions.StateConcurrency.CONCURRENCY_FIRST_WRITE } }
      : {}),
  };
}

const unlockStatus = (status: number): UnlockStatus => UNLOCK_STATUSES[status] ?? 'lock-unexist';

function httpVerb(verb = 'NONE'): v1.HTTPExtension.Verb {
  const value = v1.HTTPExtension.Verb[verb as keyof typeof v1.HTTPExtension.Verb];
  if (value === undefined) throw new WasmctlError('InvalidArgument', `unknown HTTP verb ${verb}`);
  return value;
}

export class RuntimeClient implements RuntimeApi {
  private readonly channel: GrpcChannel;
  private readonly deadlineMs: number;

  constructor(address: string, options: RuntimeClientOptions = {}) {
    if (!/^[^\s/]+:\d{1,5}$/.test(address)) {
      throw new WasmctlError('InvalidArgument', `sidecar address must be host:port, got "${address}"`);
    }
    this.channel = new GrpcChannel(address);
    this.deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  }

  get address(): string {
    return this.channel.address;
  }

  private async call<K extends keyof Methods>(method: K, request: RequestProps<Methods[K]>): Promise<Response<Methods[K]>> {
    // Each method's request and response types are paired in the table; indexing by K loses that.
    return this.channel.call(RUNTIME_METHODS[method] as Method, request, this.deadlineMs);
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
    return items.map((item) => {
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
    return int64ToBigint((await this.call('GetNextId', { storeName: store, key })).nextId);
  }

  async tryLock(store: string, resourceId: string, owner: string, expireSeconds: number): Promise<boolean> {
    const { success } = await this.call('TryLock', { storeName: store, resourceId, lockOwner: owner, expire: expireSeconds });
    return success;
  }

  async unlock(store: string, resourceId: string, owner: string): Promise<UnlockStatus> {
    return unlockStatus((await this.call('Unlock', { storeName: store, resourceId, lockOwner: owner })).status);
  }

  async lockKeepAlive(store: string, resourceId: string, owner: string, expireSeconds: number): Promise<UnlockStatus> {
    const { status } = await this.call('LockKeepAlive', { storeName: store, resourceId, lockOwner: owner, expire: expireSeconds });
    return unlockStatus(status);
  }

  async invoke(id: string, method: string, data: Uint8Array, options: InvokeOptions = {}): Promise<InvokeResult> {
    const httpExtension =
      options.verb || options.querystring ? { verb: httpVerb(options.verb), querystring: options.querystring ?? '' } : undefined;
    const response = await this.call('InvokeService', {
      id,
      message: { method, data: { type_url: '', value: data }, contentType: options.contentType ?? '', httpExtension },
    });
    return { data: bytes(response.data?.value ?? Buffer.alloc(0)), contentType: response.contentType };
  }

  async getConfiguration(store: string, scope: ConfigurationScope, keys: string[]): Promise<ConfigurationItem[]> {
    const { items } = await this.call('GetConfiguration', { storeName: store, ...this.scope(scope), keys });
    return items.map(configurationItem);
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
