import type { ZodType } from 'zod';
import { WasmctlError } from '../common/index.js';

const flag = (key: PropertyKey | undefined) => `--${String(key ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** commander's options through the command's zod schema; a bad value is one line naming the flag. */
export function parseOptions<T>(schema: ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new WasmctlError('InvalidArgument', `invalid ${flag(issue?.path[0])}: ${issue?.message ?? 'unexpected value'}`, {
    hint: 'see --help',
  });
}
