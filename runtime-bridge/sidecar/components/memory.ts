/** The `in-memory` components: Layotto's demo defaults, and the embedded sidecar's. */
import type { ConfigurationItem, ConfigurationScope, StateOperation, StateValue, UnlockStatus } from '../../client/api.js';
import { etagMismatch, mayApply, requestedVersion } from './etag.js';
import type { ConfigStore, Hello, LockStore, Sequencer, StateStore } from './types.js';

export class MemoryStateStore implements StateStore {
  readonly immediate = true;
  private readonly items = new Map<string, { value: Buffer; version: number; firstWrite: boolean }>();

  get(key: string): StateValue | null {
    const item = this.items.get(key);
    return item ? { value: item.value, etag: String(item.version) } : null;
  }

  apply(operations: StateOperation[]): void {
    // Every check before any write, as the redis store's script does: all or nothing.
    const requested = operations.map((operation) => requestedVersion(operation));
    operations.forEach((operation, i) => {
      const item = this.items.get(operation.key);
      const stored = { version: item ? String(item.version) : null, firstWrite: item?.firstWrite ?? false };
      if (!mayApply(operation, requested[i] ?? '0', stored)) throw etagMismatch(operation);
    });
    for (const { op, key, value, concurrency } of operations) {
      const item = this.items.get(key);
      if (op === 'delete') this.items.delete(key);
      else {
        this.items.set(key, {
          value: Buffer.from(value ?? []),
          version: (item?.version ?? 0) + 1,
          firstWrite: (item?.firstWrite ?? false) || concurrency === 'first-write',
        });
      }
    }
  }

  async close(): Promise<void> {}
}

export class MemorySequencer implements Sequencer {
  readonly immediate = true;
  private readonly counters = new Map<string, bigint>();

  next(key: string): bigint {
    const value = (this.counters.get(key) ?? 0n) + 1n;
    this.counters.set(key, value);
    return value;
  }

  async close(): Promise<void> {}
}

export class MemoryLockStore implements LockStore {
  readonly immediate = true;
  private readonly locks = new Map<string, { owner: string; expiresAt: number }>();

  private holder(resourceId: string): string | null {
    const lock = this.locks.get(resourceId);
    if (!lock) return null;
    if (lock.expiresAt > Date.now()) return lock.owner;
    this.locks.delete(resourceId);
    return null;
  }

  tryLock(resourceId: string, owner: string, expireSeconds: number): boolean {
    if (this.holder(resourceId) !== null) return false;
    this.locks.set(resourceId, { owner, expiresAt: Date.now() + expireSeconds * 1000 });
    return true;
  }

  unlock(resourceId: string, owner: string): UnlockStatus {
    const status = this.ownership(resourceId, owner);
    if (status === 'success') this.locks.delete(resourceId);
    return status;
  }

  async keepAlive(resourceId: string, owner: string, expireSeconds: number): Promise<UnlockStatus> {
    const status = this.ownership(resourceId, owner);
    if (status === 'success') this.locks.set(resourceId, { owner, expiresAt: Date.now() + expireSeconds * 1000 });
    return status;
  }

  private ownership(resourceId: string, owner: string): UnlockStatus {
    const holder = this.holder(resourceId);
    if (holder === null) return 'lock-unexist';
    return holder === owner ? 'success' : 'lock-belong-to-others';
  }

  async close(): Promise<void> {}
}

export class MemoryConfigStore implements ConfigStore {
  readonly immediate = true;
  private readonly items = new Map<string, ConfigurationItem & { appId: string }>();

  private static id(appId: string, group: string, label: string, key: string): string {
    return JSON.stringify([appId, group, label, key]);
  }

  /** No keys: every item of the app (and of the group and label, when given). */
  get(scope: ConfigurationScope, keys: string[]): ConfigurationItem[] {
    const wanted = keys.length ? new Set(keys) : null;
    const found: ConfigurationItem[] = [];
    for (const { appId, ...item } of this.items.values()) {
      if (appId !== scope.appId || (wanted && !wanted.has(item.key))) continue;
      if ((scope.group && item.group !== scope.group) || (scope.label && item.label !== scope.label)) continue;
      found.push(item);
    }
    return found;
  }

  async save(appId: string, items: ConfigurationItem[]): Promise<void> {
    for (const item of items) {
      this.items.set(MemoryConfigStore.id(appId, item.group, item.label, item.key), { ...item, appId });
    }
  }

  async delete(scope: ConfigurationScope, keys: string[]): Promise<void> {
    for (const item of this.get(scope, keys)) {
      this.items.delete(MemoryConfigStore.id(scope.appId, item.group, item.label, item.key));
    }
  }

  async close(): Promise<void> {}
}

/** Layotto's `helloworld` component: answers its configured greeting. */
export class HelloWorld implements Hello {
  constructor(private readonly greeting: string) {}

  sayHello(name: string): string {
    return name ? `${this.greeting}, ${name}` : this.greeting;
  }
}
