export { layottoHostCalls, type LayottoHostCalls, type RuntimeConnection } from './host-calls.js';
export { AbiStatus } from './status.cjs';
