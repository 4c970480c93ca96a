/**
 * gRPC handlers of spec.proto.runtime.v1.Runtime: decode, call the component set, encode. The
 * RPCs not listed here are answered UNIMPLEMENTED by grpc-js, naming the method.
 */
import * as grpc from '@grpc/grpc-js';
import { WasmctlError } from '../../common/index.js';
import { UNLOCK_STATUSES, type Concurrency, type ConfigurationItem, type StateOperation, type UnlockStatus } from '../client/api.js';
import type { Components } from './components.js';
import { toStatus } from './grpc-status.js';
import { subscribeTopicEvents } from './topic-stream.js';

type Metadata = Record<string, string>;
interface Etag {
  value: string;
}
interface StateOptions {
  concurrency: string;
}
interface StateItem {
  key: string;
  value: Buffer;
  etag: Etag | null;
  options: StateOptions | null;
}
interface Any {
  type_url: string;
  value: Buffer;
}
interface ConfigRequest {
  store_name: string;
  app_id: string;
  group: string;
  label: string;
  keys: string[];
}
const UNLOCK_ENUM = ['SUCCESS', 'LOCK_UNEXIST', 'LOCK_BELONG_TO_OTHERS'] as const;
const unlockEnum = (status: UnlockStatus) => UNLOCK_ENUM[UNLOCK_STATUSES.indexOf(status)];

function unary<Req, Res>(run: (request: Req) => Promise<Res>): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    run(call.request).then(
      (response) => callback(null, response),
      (err: unknown) => callback(toStatus(err)),
    );
  };
}

const CONCURRENCY: Record<string, Concurrency | undefined> = {
  CONCURRENCY_FIRST_WRITE: 'first-write',
  CONCURRENCY_LAST_WRITE: 'last-write',
};

function writeOptions(etag: Etag | null, options: StateOptions | null) {
  const concurrency = CONCURRENCY[options?.concurrency ?? ''];
  return { ...(etag?.value ? { etag: etag.value } : {}), ...(concurrency ? { concurrency } : {}) };
}

function stateOperation(op: StateOperation['op'], item: StateItem): StateOperation {
  return { op, key: item.key, value: item.value, ...writeOptions(item.etag, item.options) };
}

const scope = (req: ConfigRequest) => ({ appId: req.app_id, group: req.group, label: req.label });
const EMPTY = {};

export function runtimeHandlers(components: Components): grpc.UntypedServiceImplementation {
  return {
    SayHello: unary(async (req: { service_name: string; name: string }) => ({
      hello: await components.sayHello(req.service_name, req.name),
    })),

    InvokeService: unary(async (req: { id: string; message: { method: string; data: Any | null; content_type: string; http_extension: { verb: string; querystring: string } | null } | null }) => {
      if (!req.message) throw new WasmctlError('InvalidArgument', 'InvokeService needs a message (method and data)');
      const { method, data, content_type, http_extension } = req.message;
      const result = await components.invoke(req.id, method, data?.value ?? Buffer.alloc(0), {
        contentType: content_type,
        ...(http_extension ? { verb: http_extension.verb, querystring: http_extension.querystring } : {}),
      });
      return { data: { type_url: '', value: result.data }, content_type: result.contentType };
    }),

    GetState: unary(async (req: { store_name: string; key: string }) => {
      const found = await components.getState(req.store_name, req.key);
      return { data: found?.value ?? Buffer.alloc(0), etag: found?.etag ?? '', metadata: {} };
    }),

    GetBulkState: unary(async (req: { store_name: string; keys: string[] }) => ({
      items: (await components.getBulkState(req.store_name, req.keys)).map((item) => ({
        key: item.key,
        data: item.value ?? Buffer.alloc(0),
        etag: item.etag,
        error: item.error ?? '',
        metadata: {},
      })),
    })),

    SaveState: unary(async (req: { store_name: string; states: StateItem[] }) => {
      await components.saveStates(req.store_name, req.states.map((item) => stateOperation('upsert', item)));
      return EMPTY;
    }),

    DeleteState: unary(async (req: { store_name: string; key: string; etag: Etag | null; options: StateOptions | null }) => {
      await components.deleteState(req.store_name, req.key, writeOptions(req.etag, req.options));
      return EMPTY;
    }),

    DeleteBulkState: unary(async (req: { store_name: string; states: StateItem[] }) => {
      await components.deleteStates(req.store_name, req.states.map((item) => stateOperation('delete', item)));
      return EMPTY;
    }),

    ExecuteStateTransaction: unary(async (req: { storeName: string; operations: Array<{ operationType: string; request: StateItem | null }> }) => {
      const operations = req.operations.map(({ operationType, request }, i) => {
        if (operationType !== 'upsert' && operationType !== 'delete') {
          throw new WasmctlError('InvalidArgument', `operation ${i}: operationType must be "upsert" or "delete", got "${operationType}"`);
        }
        if (!request) throw new WasmctlError('InvalidArgument', `operation ${i}: request (the state item) is required`);
        return stateOperation(operationType, request);
      });
      await components.transact(req.storeName, operations);
      return EMPTY;
    }),

    PublishEvent: unary(async (req: { pubsub_name: string; topic: string; data: Buffer; data_content_type: string; metadata: Metadata }) => {
      await components.publish(req.pubsub_name, req.topic, req.data, { contentType: req.data_content_type, metadata: req.metadata });
      return EMPTY;
    }),

    SubscribeTopicEvents: subscribeTopicEvents(components),

    GetNextId: unary(async (req: { store_name: string; key: string }) => ({
      next_id: String(await components.nextId(req.store_name, req.key)),
    })),

    TryLock: unary(async (req: { store_name: string; resource_id: string; lock_owner: string; expire: number }) => ({
      success: await components.tryLock(req.store_name, req.resource_id, req.lock_owner, req.expire),
    })),

    Unlock: unary(async (req: { store_name: string; resource_id: string; lock_owner: string }) => ({
      status: unlockEnum(await components.unlock(req.store_name, req.resource_id, req.lock_owner)),
    })),

    LockKeepAlive: unary(async (req: { store_name: string; resource_id: string; lock_owner: string; expire: number }) => ({
      status: unlockEnum(await components.lockKeepAlive(req.store_name, req.resource_id, req.lock_owner, req.expire)),
    })),

    GetConfiguration: unary(async (req: ConfigRequest) => ({
      items: await components.getConfiguration(req.store_name, scope(req), req.keys),
    })),

    SaveConfiguration: unary(async (req: { store_name: string; app_id: string; items: ConfigurationItem[] }) => {
      await components.saveConfiguration(req.store_name, req.app_id, req.items);
      return EMPTY;
    }),

    DeleteConfiguration: unary(async (req: ConfigRequest) => {
      await components.deleteConfiguration(req.store_name, scope(req), req.keys);
      return EMPTY;
    }),
  };
}
