/** WASI 0.2 components: recognised by their header, transpiled once (cached), run in the engine's worker. */
export { isComponent, prepareComponent } from './prepare.js';
export type { ComponentPayload } from './payload.cjs';
export { toolchainTag } from './toolchain.js';
export { HttpComponentInstance, type HttpComponentOptions, type HttpRequest, type HttpResponse } from './http/http-instance.js';
