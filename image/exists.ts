import { access } from 'node:fs/promises';

/** Whether `path` exists (a link counts when its target does). */
export const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );
