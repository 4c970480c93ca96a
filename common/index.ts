export * from './errors.js';
export { ExitCode, signalExit } from './exit-codes.cjs';
export { BUNDLED } from './bundled.js';
export { packageRoot } from './package-root.js';
export { describeIssue, parseJson, readJsonFile } from './json.js';
export { lastWins } from './env.js';
