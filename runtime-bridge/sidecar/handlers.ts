/**
 * Handlers of spec.proto.runtime.v1.Runtime: the generated messages in, the component set called,
 * the generated messages out. The RPCs not listed here answer UNIMPLEMENTED, naming the method.
 */
import { WasmctlError } from '../../common/index.js';
import {
  UNLOCK_STATUSES,
  bigintToInt64,
  configurationItem,
  v1,
  type Concurrency,
  type RUNTIME_METHODS,
  type StateOperation,
  type UnlockStatus,
} from '../client/index.js';
import type { Components } from './components.js';
import type { ServiceHandlers } from './grpc-server.js';
import { subscribeTopicEvents, type SubscriptionLimits } from './topic-stream.js';

const { StateConcurrency } = v1.StateOptions;
const CONCURRENCY: Partial<Record<v1.StateOptions.StateConcurrency, Concurrency>> = {
  [StateConcurrency.CONCURRENCY_FIRST_WRITE]: 'first-write',
  [StateConcurrency.CONCURRENCY_LAST_WRITE]: 'last-write',
};
/** UnlockResponse.Status and LockKeepAliveResponse.Status share UNLOCK_STATUSES' order. */
const unlockEnum = (status: UnlockStatus): number => UNLOCK_STATUSES.indexOf(status);

function writeOptions(etag: v1.Etag | null | undefined, options: v1.StateOptions | null | undefined) {
  const concurrency = options ? CONCURRENCY[options.concurrency] : undefined;
  return { ...(etag?.value ? { etag: etag.value } : {}), ...(concurrency ? { concurrency } : {}) };
}

function stateOperation(op: StateOperation['op'], item: v1.StateItem): StateOperation {
  return { op, key: item.key, value: item.value, ...writeOptions(item.etag, item.options) };
}

const scope = (req: { appId: string; group: string; label: string }) => ({ appId: req.appId, group: req.group, label: req.label });
const EMPTY = {};

export function runtimeHandlers(components: Components, limits: SubscriptionLimits): ServiceHandlers<typeof RUNTIME_METHODS> {
  return {
    SayHello: async (req) => ({ hello: await components.sayHello(req.serviceName, req.name) }),

    InvokeService: async (req) => {
      if (!req.message) throw new WasmctlError('InvalidArgument', 'InvokeService needs a message (method and data)');
      const { method, data, contentType, httpExtension } = req.message;
      const result = await components.invoke(req.id, method, data?.value ?? Buffer.alloc(0), {
        contentType,
        ...(httpExtension ? { verb: v1.HTTPExtension.Verb[httpExtension.verb], querystring: httpExtension.querystring } : {}),
      });
      return { data: { type_url: '', value: result.data }, contentType: result.contentType };
    },

    GetState: async (req) => {
      const found = await components.getState(req.storeName, req.key);
      return { data: found?.value ?? Buffer.alloc(0), etag: found?.etag ?? '' };
    },

    GetBulkState: async (req) => ({
      items: (await components.getBulkState(req.storeName, req.keys)).map((item) => ({
        key: item.key,
        data: item.value ?? Buffer.alloc(0),
        etag: item.etag,
        error: item.error ?? '',
      })),
    }),

    SaveState: async (req) => {
      await components.saveStates(
        req.storeName,
        req.states.map((item) => stateOperation('upsert', item)),
      );
      return EMPTY;
    },

    DeleteState: async (req) => {
      await components.deleteState(req.storeName, req.key, writeOptions(req.etag, req.options));
      return EMPTY;
    },

    DeleteBulkState: async (req) => {
      await components.deleteStates(
        req.storeName,
        req.states.map((item) => stateOperation('delete', item)),
      );
      return EMPTY;
    },

    ExecuteStateTransaction: async (req) => {
      const operations = req.operations.map(({ operationType, request }, i) => {
        if (operationType !== 'upsert' && operationType !== 'delete') {
          throw new WasmctlError('InvalidArgument', `operation ${i}: operationType must be "upsert" or "delete", got "${operationType}"`);
        }
        if (!request) throw new WasmctlError('InvalidArgument', `operation ${i}: request (the state item) is required`);
        return stateOperation(operationType, request);
      });
      await components.transact(req.storeName, operations);
      return EMPTY;
    },

    PublishEvent: async (req) => {
      await components.publish(req.pubsubName, req.topic, req.data, { contentType: req.dataContentType, metadata: req.metadata });
      return EMPTY;
    },

    SubscribeTopicEvents: subscribeTopicEvents(components, limits),

    GetNextId: async (req) => ({ nextId: bigintToInt64(await components.nextId(req.storeName, req.key)) }),

    TryLock: async (req) => ({ success: await components.tryLock(req.storeName, req.resourceId, req.lockOwner, req.expire) }),

    Unlock: async (req) => ({ status: unlockEnum(await components.unlock(req.storeName, req.resourceId, req.lockOwner)) }),

    LockKeepAlive: async (req) => ({
      status: unlockEnum(await components.lockKeepAlive(req.storeName, req.resourceId, req.lockOwner, req.expire)),
    }),

    GetConfiguration: async (req) => ({ items: await components.getConfiguration(req.storeName, scope(req), req.keys) }),

    SaveConfiguration: async (req) => {
      await components.saveConfiguration(req.storeName, req.appId, req.items.map(configurationItem));
      return EMPTY;
    },

    DeleteConfiguration: async (req) => {
      await components.deleteConfiguration(req.storeName, scope(req), req.keys);
      return EMPTY;
    },
  };
}
