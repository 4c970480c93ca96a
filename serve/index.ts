export { startServe, type ServeOptions, type Serving } from './server.js';
export type { FunctionInfo } from './registry.js';
export { parseRoute, type Route } from './routes.js';
