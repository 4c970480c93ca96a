import { join } from 'node:path';
import { packageRoot } from '../../common/index.js';

/** The package's `proto/runtime/v1` folder, for other languages' generators (the code here is generated at build time). */
export const RUNTIME_PROTO_DIR = join(packageRoot(), 'proto', 'runtime', 'v1') + '/';
