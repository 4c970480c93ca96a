/** WASI 0.2 components: recognised by their header, transpiled once (cached), run in the engine's worker. */
export { compileComponent, componentSource, isComponent, prepareComponent } from './prepare.js';
export type { ComponentPayload, ComponentSource } from './payload.cjs';
export { toolchainTag } from './toolchain.js';
export type { ComponentDef } from './http/component-process.cjs';
export type { HttpRequest, HttpResponse } from './http/types.cjs';
export { parseAllowedHost, withOutgoingHttp, type AllowedHost } from './http/outgoing-host.js';
export { parseSubscription, withSubscriptions, type Subscriber, type Subscription } from './messaging-host.js';
