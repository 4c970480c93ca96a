import { join } from 'node:path';
import { packageRoot } from '../../common/index.js';

/** The package's `proto/runtime/v1` folder (with a trailing separator, as protobuf includes want). */
export const RUNTIME_PROTO_DIR = join(packageRoot(), 'proto', 'runtime', 'v1') + '/';

export const RUNTIME_SERVICE = 'spec.proto.runtime.v1.Runtime';
export const APP_CALLBACK_SERVICE = 'spec.proto.runtime.v1.AppCallback';
