/** build/: a Dockerfile and a context → an OCI layout folder, with no daemon and no shell. */
export { type BuildOptions, type BuildResult, buildImage } from './builder.js';
export { type BuildOutput, type Built, buildAndDeliver } from './deliver.js';
export type { LayerCompression } from './layer.js';
export { warmBuildPath } from './warm.js';
