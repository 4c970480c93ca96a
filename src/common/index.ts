export * from './errors.js';
export { BUNDLED } from './bundled.js';
