import { fileURLToPath } from 'node:url';

/**
 * The package's `proto/runtime/v1` folder. This file sits at `<pkg>/src/runtime-bridge/client/`
 * under tsx and at `<pkg>/dist/runtime-bridge/client/` once built: three levels up either way.
 */
export const RUNTIME_PROTO_DIR = fileURLToPath(new URL('../../../proto/runtime/v1/', import.meta.url));

export const RUNTIME_SERVICE = 'spec.proto.runtime.v1.Runtime';
export const APP_CALLBACK_SERVICE = 'spec.proto.runtime.v1.AppCallback';
