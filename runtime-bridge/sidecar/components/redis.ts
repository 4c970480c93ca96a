/**
 * The `redis` state, sequencer and lock components, on a real Redis through ioredis. State is
 * stored as Dapr's (and so Layotto's) redis store keeps it — a hash {data, version, first-write} —
 * and a plain string written by anyone else (`redis-cli set book1 100`) reads back as its value,
 * with no etag.
 */
import type { Redis } from 'ioredis';
import { UNLOCK_STATUSES, type StateOperation, type StateValue, type UnlockStatus } from '../../client/api.js';
import { etagMismatch, requestedVersion } from './etag.js';
import { call } from './redis-connection.js';
import type { LockStore, Sequencer, StateStore } from './types.js';

// TYPE first so a plain string (not written by us) reads back instead of failing WRONGTYPE.
const GET_STATE = `
local t = redis.call('TYPE', KEYS[1]).ok
if t == 'string' then return {redis.call('GET', KEYS[1]), ''} end
if t == 'hash' then return redis.call('HMGET', KEYS[1], 'data', 'version') end
return false`;

// The hash {data, version, first-write} of Dapr's redis store, so Layotto reads what we write.
// ARGV holds four values per key: op, value, the requested version, FIRST_WRITE ('1' or '0').
// The rule is etag.ts's; every check runs before any write, so a mismatch leaves all keys untouched
// and answers the index of the first operation that lost.
const APPLY_STATE = `
for i, key in ipairs(KEYS) do
  local b = (i - 1) * 4
  local op, want = ARGV[b + 1], ARGV[b + 3]
  if redis.call('TYPE', key).ok == 'hash' then
    local version = redis.call('HGET', key, 'version')
    local marked = redis.call('HEXISTS', key, 'first-write') == 1
    if version and version ~= '' and version ~= want and (want ~= '0' or (op ~= 'delete' and marked)) then
      return i
    end
  end
end
for i, key in ipairs(KEYS) do
  local b = (i - 1) * 4
  if ARGV[b + 1] == 'delete' then
    redis.call('DEL', key)
  else
    if redis.call('TYPE', key).ok ~= 'hash' then redis.call('DEL', key) end
    redis.call('HSET', key, 'data', ARGV[b + 2])
    if ARGV[b + 4] == '1' then redis.call('HSET', key, 'first-write', 0) end
    redis.call('HINCRBY', key, 'version', 1)
  end
end
return 0`;

export class RedisStateStore implements StateStore {
  constructor(private readonly redis: Redis) {}

  async get(key: string): Promise<StateValue | null> {
    const found = (await call(this.redis, () => this.redis.callBuffer('EVAL', [GET_STATE, 1, key]))) as Array<Buffer | null> | null;
    if (!found || found[0] === null || found[0] === undefined) return null;
    return { value: found[0], etag: found[1]?.toString() ?? '' };
  }

  async apply(operations: StateOperation[]): Promise<void> {
    const args = operations.flatMap((o) => [
      o.op,
      Buffer.from(o.value ?? []),
      requestedVersion(o),
      o.concurrency === 'first-write' ? '1' : '0',
    ]);
    const lost = Number(
      await call(this.redis, () => this.redis.eval(APPLY_STATE, operations.length, ...operations.map((o) => o.key), ...args)),
    );
    const operation = operations[lost - 1];
    if (operation) throw etagMismatch(operation);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

/** INCR on `sequencer|||<key>`: strictly increasing, shared by every sidecar on that Redis. */
export class RedisSequencer implements Sequencer {
  constructor(private readonly redis: Redis) {}

  async next(key: string): Promise<bigint> {
    return BigInt(await call(this.redis, () => this.redis.incr(`sequencer|||${key}`)));
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

// Returns 0 success, 1 no such lock, 2 held by someone else (UnlockStatus order).
const RELEASE = `
local owner = redis.call('GET', KEYS[1])
if not owner then return 1 end
if owner ~= ARGV[1] then return 2 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/** SET NX EX: the lock is the key, its value the owner, its TTL the expiry. */
export class RedisLockStore implements LockStore {
  constructor(private readonly redis: Redis) {}

  async tryLock(resourceId: string, owner: string, expireSeconds: number): Promise<boolean> {
    return (await call(this.redis, () => this.redis.set(resourceId, owner, 'EX', expireSeconds, 'NX'))) === 'OK';
  }

  unlock(resourceId: string, owner: string): Promise<UnlockStatus> {
    return this.release(resourceId, owner, '');
  }

  keepAlive(resourceId: string, owner: string, expireSeconds: number): Promise<UnlockStatus> {
    return this.release(resourceId, owner, String(expireSeconds));
  }

  private async release(resourceId: string, owner: string, expire: string): Promise<UnlockStatus> {
    const code = await call(this.redis, () => this.redis.eval(RELEASE, 1, resourceId, owner, expire));
    return UNLOCK_STATUSES[Number(code)] ?? 'lock-unexist';
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
