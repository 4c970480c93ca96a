/**
 * Our WASI preview 1 (`wasi_snapshot_preview1`): a lean, sandboxed implementation. Files come
 * from the guest namespace only; the environment is exactly what the request lists. A call we
 * do not implement answers ENOSYS instead of trapping.
 */
import { Errno, errnoOf } from './errno.cjs';
import { fdCalls, type FsContext } from './fd-calls.cjs';
import { FdTable, type StdioFds } from './fd-table.cjs';
import { encodeUtf8, type GuestMemory } from './memory.cjs';
import { GuestNamespace, type MountSpec } from './namespace.cjs';
import { pathCalls } from './path-calls.cjs';
import { sleepMs } from './sleep.cjs';

export const WASI_MODULE = 'wasi_snapshot_preview1';

/** Thrown by proc_exit; unwinds the module to the engine, which reports the code. */
export class ProcExit {
  constructor(readonly code: number) {}
}

export interface Preview1Options {
  args: string[];
  env: string[];
  rootfs: string | null;
  mounts: MountSpec[];
  stdio: StdioFds;
  /** The instance's memory; available once the module is instantiated. */
  memory(): GuestMemory;
}

const CLOCK_REALTIME = 0;
const EVENTTYPE_CLOCK = 0;
const SUBCLOCK_ABSTIME = 1;
const SUBSCRIPTION_SIZE = 48;
const EVENT_SIZE = 32;
const RANDOM_CHUNK = 65536;

type WasiFunction = (...args: never[]) => void;

function realtimeNs(): bigint {
  return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));
}

/** Writes a list of strings as C strings plus the pointer array libc expects. */
function writeStrings(mem: GuestMemory, list: Uint8Array[], ptrs: number, buf: number): void {
  let at = buf;
  list.forEach((s, i) => {
    mem.u32(ptrs + i * 4, at);
    mem.write(at, s);
    mem.u8(at + s.length, 0);
    at += s.length + 1;
  });
}

function sizes(mem: GuestMemory, list: Uint8Array[], countPtr: number, sizePtr: number): void {
  mem.u32(countPtr, list.length);
  mem.u32(sizePtr, list.reduce((n, s) => n + s.length + 1, 0));
}

export function createPreview1(options: Preview1Options): { imports: Record<string, WasiFunction>; close(): void } {
  const args = options.args.map(encodeUtf8);
  const env = options.env.map(encodeUtf8);
  const ns = new GuestNamespace(options.rootfs, options.mounts);
  const fds = new FdTable(options.stdio, ns);
  const mem = options.memory;
  const fsContext: FsContext = { mem, fds, ns };

  const calls = {
    ...fdCalls(fsContext),
    ...pathCalls(fsContext),
    args_get: (ptrs: number, buf: number) => writeStrings(mem(), args, ptrs, buf),
    args_sizes_get: (countPtr: number, sizePtr: number) => sizes(mem(), args, countPtr, sizePtr),
    environ_get: (ptrs: number, buf: number) => writeStrings(mem(), env, ptrs, buf),
    environ_sizes_get: (countPtr: number, sizePtr: number) => sizes(mem(), env, countPtr, sizePtr),
    clock_res_get: (_id: number, ptr: number) => mem().u64(ptr, 1000n),
    clock_time_get: (id: number, _precision: bigint, ptr: number) =>
      mem().u64(ptr, id === CLOCK_REALTIME ? realtimeNs() : process.hrtime.bigint()),
    random_get(buf: number, len: number) {
      // Required here, not at the top: most modules never ask, and node:crypto slows every start.
      const { randomFillSync } = require('node:crypto') as typeof import('node:crypto');
      for (let at = 0; at < len; at += RANDOM_CHUNK) randomFillSync(mem().bytes(buf + at, Math.min(RANDOM_CHUNK, len - at)));
    },
    poll_oneoff(inPtr: number, outPtr: number, count: number, neventsPtr: number) {
      const m = mem();
      // Clock subscriptions sleep until the earliest; fd subscriptions are reported ready at once.
      let sleepNs = -1n;
      let events = 0;
      for (let i = 0; i < count; i++) {
        const sub = inPtr + i * SUBSCRIPTION_SIZE;
        if (m.bytes(sub + 8, 1)[0] !== EVENTTYPE_CLOCK) continue;
        let timeout = m.readU64(sub + 24);
        if (m.bytes(sub + 40, 1)[0]! & SUBCLOCK_ABSTIME) {
          const now = m.readU32(sub + 16) === CLOCK_REALTIME ? realtimeNs() : process.hrtime.bigint();
          timeout = timeout > now ? timeout - now : 0n;
        }
        if (sleepNs < 0n || timeout < sleepNs) sleepNs = timeout;
      }
      const hasFdSubs = Array.from({ length: count }, (_, i) => m.bytes(inPtr + i * SUBSCRIPTION_SIZE + 8, 1)[0]).some(
        (t) => t !== EVENTTYPE_CLOCK,
      );
      if (!hasFdSubs && sleepNs > 0n) sleepMs(Number(sleepNs / 1_000_000n));
      for (let i = 0; i < count; i++) {
        const sub = inPtr + i * SUBSCRIPTION_SIZE;
        const type = m.bytes(sub + 8, 1)[0] as number;
        if (type === EVENTTYPE_CLOCK && hasFdSubs) continue;
        const ev = outPtr + events++ * EVENT_SIZE;
        m.bytes(ev, EVENT_SIZE).fill(0);
        m.u64(ev, m.readU64(sub));
        m.u8(ev + 10, type);
      }
      m.u32(neventsPtr, events);
    },
    proc_exit(code: number) {
      throw new ProcExit(code);
    },
    sched_yield() {},
  };

  const imports: Record<string, WasiFunction> = {};
  for (const [name, fn] of Object.entries(calls)) {
    imports[name] = (...callArgs: never[]) => {
      try {
        (fn as (...a: never[]) => void)(...callArgs);
        return Errno.SUCCESS;
      } catch (err) {
        const errno = errnoOf(err);
        if (errno === undefined) throw err;
        return errno;
      }
    };
  }
  return { imports: withEnosys(imports), close: () => fds.closeAll() };
}

/** Any other preview 1 function the module imports answers ENOSYS rather than failing to link. */
function withEnosys(imports: Record<string, WasiFunction>): Record<string, WasiFunction> {
  return new Proxy(imports, {
    get: (target, name) => (typeof name === 'string' && !(name in target) ? () => Errno.NOSYS : target[name as string]),
  });
}

