/**
 * The protobuf messages of the shim's three protocols (ttrpc envelope, task v2, events), loaded
 * once from our `.proto` files with protobufjs. Every encode/decode of the shim goes through here.
 */
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { packageRoot } from '../common/index.js';

const PROTO_DIR = join(packageRoot(), 'proto') + '/';

function loadRoot(): protobuf.Root {
  const root = new protobuf.Root();
  // google/protobuf/* come from protobufjs' bundled common types; our files import each other
  // by bare name from their own folder.
  root.resolvePath = (origin, target) =>
    target.startsWith('google/') ? target : protobuf.util.path.resolve(origin, target);
  root.loadSync(['ttrpc/ttrpc.proto', 'containerd/task.proto', 'containerd/events.proto', 'containerd/events-service.proto', 'containerd/runtime-options.proto'].map((f) => PROTO_DIR + f));
  root.resolveAll();
  return root;
}

const root = loadRoot();

export const TASK_SERVICE = 'containerd.task.v2.Task';
export const EVENTS_SERVICE = 'containerd.services.events.ttrpc.v1.Events';

export const taskService = root.lookupService(TASK_SERVICE);
export const eventsService = root.lookupService(EVENTS_SERVICE);

export function messageType(fullName: string): protobuf.Type {
  return root.lookupType(fullName);
}

export function encode(type: protobuf.Type, value: object): Uint8Array {
  return type.encode(type.fromObject(value)).finish();
}

/** Plain object with longs as numbers and enums as numbers, the shape handlers work with. */
export function decode<T>(type: protobuf.Type, bytes: Uint8Array): T {
  return type.toObject(type.decode(bytes), { longs: Number, defaults: true }) as T;
}

export interface Timestamp {
  seconds: number;
  nanos: number;
}

export function timestampOf(date: Date): Timestamp {
  const ms = date.getTime();
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 };
}

/** containerd's Any.type_url for events is the bare message name, without a type.googleapis.com/ prefix. */
export function anyOf(fullName: string, value: object): { type_url: string; value: Uint8Array } {
  return { type_url: fullName, value: encode(messageType(fullName), value) };
}
