import { fileURLToPath } from 'node:url';
import { BUNDLED } from '../../common/index.js';

/**
 * The package's `proto/runtime/v1` folder. This file sits at `<pkg>/src/runtime-bridge/client/`
 * under tsx and at `<pkg>/dist/runtime-bridge/client/` once built by tsc: three levels up; in the
 * bin's bundle its chunk sits at `<pkg>/dist/bundle/`: two levels up.
 */
export const RUNTIME_PROTO_DIR = fileURLToPath(new URL(`${BUNDLED ? '../../' : '../../../'}proto/runtime/v1/`, import.meta.url));

export const RUNTIME_SERVICE = 'spec.proto.runtime.v1.Runtime';
export const APP_CALLBACK_SERVICE = 'spec.proto.runtime.v1.AppCallback';
