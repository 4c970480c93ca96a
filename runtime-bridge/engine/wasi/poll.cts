/** Clocks and poll_oneoff, for both namespaces (snapshot 0's clock subscription has one more field). */
import * as fs from 'node:fs';
import { Errno, fail } from './errno.cjs';
import type { FdTable } from './fd-table.cjs';
import type { GuestMemory } from './memory.cjs';
import { Right } from './rights.cjs';
import { sleepMs } from './sleep.cjs';

export const Clock = { REALTIME: 0, MONOTONIC: 1, PROCESS_CPUTIME: 2, THREAD_CPUTIME: 3 } as const;
const EventType = { CLOCK: 0, FD_READ: 1, FD_WRITE: 2 } as const;
const SUBCLOCK_ABSTIME = 1;
const EVENT_SIZE = 32;

/** Resolution each clock really has here: hrtime is ns, the wall clock and CPU time are µs. */
export function clockResolution(id: number): bigint {
  if (id === Clock.MONOTONIC) return 1n;
  if (id === Clock.REALTIME || id === Clock.PROCESS_CPUTIME || id === Clock.THREAD_CPUTIME) return 1000n;
  return fail(Errno.INVAL);
}

export function clockNow(id: number): bigint {
  switch (id) {
    case Clock.REALTIME:
      return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));
    case Clock.MONOTONIC:
      return process.hrtime.bigint();
    case Clock.PROCESS_CPUTIME:
    case Clock.THREAD_CPUTIME: {
      const { user, system } = process.cpuUsage();
      return BigInt(user + system) * 1000n;
    }
    default:
      return fail(Errno.INVAL);
  }
}

export interface SubscriptionLayout {
  size: number;
  /** Offset of the clock id, the timeout and the flags inside a clock subscription. */
  clockId: number;
  timeout: number;
  flags: number;
}

export const PREVIEW1_SUBSCRIPTION: SubscriptionLayout = { size: 48, clockId: 16, timeout: 24, flags: 40 };
export const SNAPSHOT0_SUBSCRIPTION: SubscriptionLayout = { size: 56, clockId: 24, timeout: 32, flags: 48 };

interface Ready {
  userdata: bigint;
  type: number;
  error: number;
  nbytes: bigint;
}

/** An fd subscription's answer: files are always ready (as for poll(2)), with what is left to read. */
function fdReadiness(fds: FdTable, fd: number, type: number): Omit<Ready, 'userdata'> {
  const entry = fds.get(fd);
  if ((entry.rights.base & Right.POLL_FD_READWRITE) === 0n && entry.kind !== 'stdio') return { type, error: Errno.NOTCAPABLE, nbytes: 0n };
  if (entry.kind === 'dir') return { type, error: Errno.BADF, nbytes: 0n };
  if (entry.kind === 'file' && type === EventType.FD_READ) {
    const left = BigInt(fs.fstatSync(entry.hostFd).size) - BigInt(entry.position);
    return { type, error: Errno.SUCCESS, nbytes: left > 0n ? left : 0n };
  }
  return { type, error: Errno.SUCCESS, nbytes: 0n };
}

export function pollOneoff(
  m: GuestMemory,
  fds: FdTable,
  layout: SubscriptionLayout,
  inPtr: number,
  outPtr: number,
  count: number,
  neventsPtr: number,
): void {
  if (count === 0) fail(Errno.INVAL);
  const ready: Ready[] = [];
  const clocks: Array<{ userdata: bigint; deadline: bigint; id: number }> = [];
  for (let i = 0; i < count; i++) {
    const sub = inPtr + i * layout.size;
    const userdata = m.readU64(sub);
    const type = m.bytes(sub + 8, 1)[0] as number;
    if (type === EventType.CLOCK) {
      const id = m.readU32(sub + layout.clockId);
      const timeout = m.readU64(sub + layout.timeout);
      const absolute = ((m.bytes(sub + layout.flags, 1)[0] as number) & SUBCLOCK_ABSTIME) !== 0;
      let now: bigint;
      try {
        now = clockNow(id);
      } catch {
        ready.push({ userdata, type, error: Errno.INVAL, nbytes: 0n });
        continue;
      }
      clocks.push({ userdata, id, deadline: absolute ? timeout : now + timeout });
    } else if (type === EventType.FD_READ || type === EventType.FD_WRITE) {
      const fd = m.readU32(sub + 16);
      try {
        ready.push({ userdata, ...fdReadiness(fds, fd, type) });
      } catch {
        ready.push({ userdata, type, error: Errno.BADF, nbytes: 0n });
      }
    } else {
      fail(Errno.INVAL);
    }
  }
  if (ready.length === 0 && clocks.length > 0) {
    const left = (c: (typeof clocks)[number]): bigint => c.deadline - clockNow(c.id);
    const earliest = clocks.reduce((a, b) => (left(b) < left(a) ? b : a));
    const wait = left(earliest);
    if (wait > 0n) sleepMs(Math.ceil(Number(wait) / 1e6));
    for (const c of clocks)
      if (c === earliest || left(c) <= 0n) ready.push({ userdata: c.userdata, type: EventType.CLOCK, error: 0, nbytes: 0n });
  }
  ready.forEach((r, i) => {
    const ev = outPtr + i * EVENT_SIZE;
    m.bytes(ev, EVENT_SIZE).fill(0);
    m.u64(ev, r.userdata);
    m.u16(ev + 8, r.error);
    m.u8(ev + 10, r.type);
    m.u64(ev + 16, r.nbytes);
  });
  m.u32(neventsPtr, ready.length);
}
