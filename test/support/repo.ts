import { fileURLToPath } from 'node:url';

/** The checkout the tests run from: bin/, samples/, dist/ are found from here. */
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
