import { WasmctlError } from '../common/index.js';
import type { EventLogger } from './access-log.js';
import { FunctionPool } from './pool.js';
import type { FunctionInstance, FunctionRequest, FunctionResponse, InstanceFactory } from './types.js';

/** Where a function comes from: an image reference, a transport, or a .wasm file. */
export interface FunctionSource {
  source: string;
  /** The routing id; else the id the module gives through proxy_get_id. */
  id?: string;
  instances: number;
}

/** Turns a source into a factory of warm instances (image resolution + engine). */
export type FunctionLoader = (source: string) => Promise<InstanceFactory>;

export interface FunctionInfo {
  id: string;
  source: string;
  instances: number;
  inFlight: number;
}

/** Layotto's router: id → pool; install/update/uninstall while requests flow. */
export class FunctionRegistry {
  private readonly pools = new Map<string, { pool: FunctionPool; source: string }>();

  constructor(
    private readonly load: FunctionLoader,
    private readonly queueTimeoutMs: number,
    private readonly log: EventLogger,
  ) {}

  async install(spec: FunctionSource): Promise<string> {
    if (spec.id !== undefined && this.pools.has(spec.id)) {
      throw new WasmctlError('AlreadyExists', `function ${spec.id} is already installed`, { hint: 'use /wasm/update or uninstall it first' });
    }
    const factory = await this.load(spec.source);
    const first = await factory();
    const id = spec.id ?? first.moduleId;
    if (!id) {
      await first.close();
      throw new WasmctlError('InvalidArgument', `${spec.source} gives no id through proxy_get_id`, { hint: 'name it: ID=FUNCTION' });
    }
    if (this.pools.has(id)) {
      await first.close();
      throw new WasmctlError('AlreadyExists', `function ${id} is already installed`, { hint: 'use /wasm/update or uninstall it first' });
    }
    const pool = new FunctionPool(id, reuseFirst(first, factory), this.queueTimeoutMs, this.log);
    this.pools.set(id, { pool, source: spec.source });
    try {
      await pool.resize(spec.instances);
    } catch (err) {
      this.pools.delete(id);
      await pool.close();
      throw err;
    }
    return id;
  }

  async update(id: string, instances: number): Promise<void> {
    await this.entry(id).pool.resize(instances);
  }

  async uninstall(id: string): Promise<void> {
    const { pool } = this.entry(id);
    this.pools.delete(id);
    await pool.close();
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

  async close(): Promise<void> {
    await Promise.all([...this.pools.keys()].map((id) => this.uninstall(id)));
  }

  private entry(id: string) {
    const entry = this.pools.get(id);
    if (!entry) throw new WasmctlError('NotFound', `no function with id ${id}`, { hint: 'GET /wasm/list shows the installed ids' });
    return entry;
  }
}

/** The instance made to learn the module's id becomes the pool's first instance. */
function reuseFirst(first: FunctionInstance, factory: InstanceFactory): InstanceFactory {
  let spare: FunctionInstance | undefined = first;
  return async () => {
    const instance = spare;
    spare = undefined;
    return instance ?? factory();
  };
}
