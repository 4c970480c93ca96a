/** Validates a RunRequest at the engine's boundary (the CLI, the shim and `serve` build them). */
import * as fs from 'node:fs';
import { z } from 'zod';
import { WasmctlError } from '../../common/index.js';
import type { RunRequest } from '../types.js';

const fd = z.number().int().min(0);
const isFunction = (v: unknown): boolean => typeof v === 'function';

const schema = z.object({
  rootfs: z.string().min(1).nullable(),
  argv: z.array(z.string()).min(1, 'argv needs at least the entry'),
  modulePath: z.string().min(1).optional(),
  env: z.array(z.string().regex(/^[^=]+=/, 'env entries are NAME=value')),
  cwd: z.string().startsWith('/', 'the working directory must be absolute'),
  mounts: z.array(
    z.object({
      hostPath: z.string().min(1),
      guestPath: z.string().startsWith('/', 'a mount target must be absolute').refine((p) => p.split('/').some(Boolean), 'cannot mount over /'),
      readOnly: z.boolean(),
    }),
  ),
  stdio: z.object({ stdin: fd.nullable(), stdout: fd, stderr: fd }),
  limits: z.object({
    timeoutMs: z.number().int().positive().optional(),
    memoryBytes: z.number().int().min(65536, 'the memory cap must be at least one 64 KiB page').optional(),
  }),
  engine: z.enum(['wasmctl', 'wasmer']),
  hostCalls: z
    .object({
      imports: z.array(z.string().min(1)),
      handle: z.custom<RunRequest['hostCalls']>(isFunction, 'hostCalls.handle must be a function'),
      workerModule: z.string().startsWith('/', 'hostCalls.workerModule must be an absolute path').optional(),
      deadlineMs: z.number().int().positive().optional(),
    })
    .optional(),
  invoke: z.string().min(1).optional(),
});

/** Throws InvalidArgument (exit 125) naming the first bad field; mounts must exist as folders. */
export function validateRequest(req: RunRequest): void {
  const parsed = schema.safeParse(req);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'request';
    throw new WasmctlError('InvalidArgument', `invalid run request: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  if (req.rootfs === null && req.modulePath === undefined) {
    throw new WasmctlError('InvalidArgument', 'invalid run request: neither rootfs nor modulePath given');
  }
  for (const m of req.mounts) {
    if (!fs.statSync(m.hostPath, { throwIfNoEntry: false })?.isDirectory()) {
      throw new WasmctlError('NotFound', `mount source ${m.hostPath} is not a folder`, { hint: 'create it first' });
    }
  }
}
