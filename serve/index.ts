export { startServe, type ServeOptions, type Serving } from './server.js';
export type { FunctionInfo } from './registry.js';
export { stuckWorkers } from './worker-host.js';
export { parseRoute, type Route } from './routes.js';
