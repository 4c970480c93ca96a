/** containerd runtime shim v2: the server is `server.ts`, run by bin/containerd-shim-wasmctl-v1. */
export { readBundle, type BundleSpec } from './bundle.js';
export { ANNOTATIONS, type TaskSettings } from './settings.js';
export { EventPublisher, type TaskTopic } from './events.js';
export { encodeFrame, FrameDecoder, HEADER_LENGTH, MAX_MESSAGE_LENGTH, MessageType, type Frame } from './framing.js';
export { decode, encode, eventsService, messageType, taskService, TASK_SERVICE, EVENTS_SERVICE } from './protocol.js';
export { TaskService } from './task-service.js';
export { TtrpcClient } from './ttrpc-client.js';
export { TtrpcServer, type ServiceBinding } from './ttrpc-server.js';
