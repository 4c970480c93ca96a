import { WasmctlError } from '../common/index.js';
import type { EventLogger } from './access-log.js';
import { FunctionPool, type PoolOptions } from './pool.js';
import type { FunctionModule, FunctionRequest, FunctionResponse } from './types.js';

/** Where a function comes from: an image reference, a transport, or a .wasm file. */
export interface FunctionSource {
  source: string;
  /** The routing id; else the id the module gives through proxy_get_id. */
  id?: string;
  instances: number;
}

/** Turns a source into a compiled module (image resolution + engine). */
export type FunctionLoader = (source: string) => Promise<FunctionModule>;

export interface FunctionInfo {
  id: string;
  source: string;
  instances: number;
  inFlight: number;
}

/** Layotto's router: id → pool; install/update/uninstall while requests flow. */
export class FunctionRegistry {
  private readonly pools = new Map<string, { pool: FunctionPool; source: string }>();
  /** Ids an install is loading: a second install of one of them is refused at once. */
  private readonly starting = new Set<string>();

  constructor(
    private readonly load: FunctionLoader,
    private readonly poolOptions: Omit<PoolOptions, 'log'>,
    private readonly log: EventLogger,
  ) {}

  async install(spec: FunctionSource): Promise<string> {
    if (spec.id !== undefined && (this.pools.has(spec.id) || this.starting.has(spec.id))) {
      const state = this.pools.has(spec.id) ? 'already installed' : 'still being installed';
      throw new WasmctlError('AlreadyExists', `function ${spec.id} is ${state}`, { hint: 'use /wasm/update or uninstall it first' });
    }
    if (spec.id !== undefined) this.starting.add(spec.id);
    try {
      const id = await this.start(spec);
      this.log(`installed ${id} from ${spec.source} (${spec.instances} instance${spec.instances === 1 ? '' : 's'})`);
      return id;
    } finally {
      if (spec.id !== undefined) this.starting.delete(spec.id);
    }
  }

  private async start(spec: FunctionSource): Promise<string> {
    const pool = new FunctionPool(await this.load(spec.source), spec.id ?? null, { ...this.poolOptions, log: this.log });
    let id: string | undefined;
    try {
      // The first instance tells the module's own id when none is given.
      await pool.resize(1);
      if (spec.id === undefined && pool.moduleId === null) {
        throw new WasmctlError('InvalidArgument', `${spec.source} gives no id through proxy_get_id`, { hint: 'name it: ID=FUNCTION' });
      }
      if (this.pools.has(pool.id)) {
        throw new WasmctlError('AlreadyExists', `function ${pool.id} is already installed`, {
          hint: 'use /wasm/update or uninstall it first',
        });
      }
      id = pool.id;
      this.pools.set(id, { pool, source: spec.source });
      await pool.resize(spec.instances);
      return id;
    } catch (err) {
      // Only our own entry: an uninstall and a new install of the id may have come in meanwhile.
      if (id !== undefined && this.pools.get(id)?.pool === pool) this.pools.delete(id);
      await pool.close();
      throw err;
    }
  }

  async update(id: string, instances: number): Promise<void> {
    await this.entry(id).pool.resize(instances);
    this.log(`updated ${id} to ${instances} instance${instances === 1 ? '' : 's'}`);
  }

  async uninstall(id: string, reason?: Error): Promise<void> {
    const { pool } = this.entry(id);
    this.pools.delete(id);
    this.log(`uninstalled ${id}`);
    await pool.close(reason);
  }

  has(id: string): boolean {
    return this.pools.has(id);
  }

  invoke(id: string, request: FunctionRequest): Promise<FunctionResponse> {
    return this.entry(id).pool.invoke(request);
  }

  list(): FunctionInfo[] {
    return [...this.pools].map(([id, { pool, source }]) => ({ id, source, instances: pool.size, inFlight: pool.inFlight }));
  }

  /** Stops every instance now; what they serve fails with `reason`. */
  async close(reason: Error): Promise<void> {
    await Promise.all([...this.pools.keys()].map((id) => this.uninstall(id, reason)));
  }

  private entry(id: string) {
    const entry = this.pools.get(id);
    if (!entry) throw new WasmctlError('NotFound', `no function with id ${id}`, { hint: 'GET /wasm/list shows the installed ids' });
    return entry;
  }
}
