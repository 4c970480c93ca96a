import { readFile } from 'node:fs/promises';
import type { ZodError, ZodType } from 'zod';
import { type ErrorKind, WasmctlError } from './errors.js';

/** zod's first issue as ` at a.b: message`, the tail of a one-line error. */
export function describeIssue(error: ZodError): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '';
  return `${where}: ${issue?.message ?? 'unexpected shape'}`;
}

/** Parses JSON through a zod schema; any failure is one line naming the document. */
export function parseJson<T>(text: Buffer | string, schema: ZodType<T>, what: string, kind: ErrorKind = 'InvalidArgument'): T {
  let value: unknown;
  try {
    value = JSON.parse(text.toString());
  } catch {
    throw new WasmctlError(kind, `${what} is not valid JSON`);
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new WasmctlError(kind, `${what} is not valid${describeIssue(result.error)}`);
}

/** A JSON file the user points at (a config); a missing or unreadable one is named, not a Node errno text. */
export async function readJsonFile<T>(path: string, schema: ZodType<T>, what: string): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WasmctlError('NotFound', `cannot read ${what}: it does not exist`, { cause: err });
    throw new WasmctlError('InvalidArgument', `cannot read ${what}${code ? ` (${code})` : ''}`, { cause: err });
  }
  return parseJson(text, schema, what);
}
