export type * from './api.js';
export { UNLOCK_STATUSES } from './api.js';
export { RuntimeClient, type RuntimeClientOptions } from './runtime-client.js';
export { RUNTIME_PROTO_DIR, RUNTIME_SERVICE, APP_CALLBACK_SERVICE } from './proto-path.js';
