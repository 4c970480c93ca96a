/** containerd runtime shim v2: the server is `server.ts`, run by bin/containerd-shim-wasmctl-v1. */
export { readBundle, type BundleSpec } from './bundle.js';
export { ANNOTATIONS, type TaskSettings } from './settings.js';
export { EventPublisher, type EventSink, type TaskEvents, type TaskTopic } from './events.js';
export type { CreateRequest, Instance, InstanceRunner, ResourceUsage } from './instance.js';
export { hostCgroupMode, metricsOf, type CgroupMode } from './metrics.js';
export { ProcessRunner } from './process-runner.js';
export { anyOf, EVENTS_SERVICE, TASK_SERVICE, timestampOf, type TaskApi } from './protocol.js';
export { TaskService, type TaskServiceOptions } from './task-service.js';
export { STATUS_CODES, TaskState, type TaskStatus } from './task-state.js';
export * as messages from './gen/containerd.js';
export * from './ttrpc/index.js';
