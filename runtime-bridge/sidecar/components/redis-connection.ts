/** One ioredis connection per redis component, from Layotto's metadata; failures as Unavailable. */
import { Redis } from 'ioredis';
import { z } from 'zod';
import { WasmctlError } from '../../../common/index.js';

const RedisMetadata = z.looseObject({
  redisHost: z
    .string()
    .regex(/^[^:]+:\d+$/, 'redisHost must be host:port')
    .default('localhost:6379'),
  redisPassword: z.string().optional(),
  redisDB: z.coerce.number().int().min(0).optional(),
});

export function connectRedis(component: string, metadata: Record<string, unknown> | undefined): Redis {
  const parsed = RedisMetadata.safeParse(metadata ?? {});
  if (!parsed.success) {
    throw new WasmctlError('InvalidArgument', `component ${component}: ${parsed.error.issues[0]?.message ?? 'bad metadata'}`);
  }
  const { redisHost, redisPassword, redisDB } = parsed.data;
  const [host, port] = redisHost.split(':') as [string, string];
  const redis = new Redis({
    host,
    port: Number(port),
    ...(redisPassword ? { password: redisPassword } : {}),
    ...(redisDB === undefined ? {} : { db: redisDB }),
    // A Redis that is down must fail the call, not queue it forever.
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  redis.on('error', () => {
    // Reported per call (the failed command rejects); the socket error itself is noise.
  });
  return redis;
}

export function unavailable(redis: Redis, err: unknown): WasmctlError {
  const { host, port } = redis.options;
  return new WasmctlError('Unavailable', `redis ${host}:${port}: ${(err as Error).message}`, { cause: err });
}

export async function call<T>(redis: Redis, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof WasmctlError) throw err;
    throw unavailable(redis, err);
  }
}
