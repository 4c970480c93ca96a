/**
 * Stats answers in the shape containerd's own shims give (runc's: the container's cgroup
 * metrics), so `ctr task metrics` and the CRI plugin's ContainerStats decode them: cgroups v1
 * metrics on a legacy or hybrid host, v2 on a unified one, as containerd 1.6 itself decides. A
 * task's figures are its process's, read from /proc: the module's linear memory lives in that
 * process, so its proportional set size counts the pages the module has touched.
 */
import { statfsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { io } from './gen/containerd.js';
import type { ResourceUsage } from './instance.js';
import { anyOf, type AnyMessage } from './protocol.js';

export type CgroupMode = 'v1' | 'v2';

const CGROUP2_SUPER_MAGIC = 0x63677270;

/** containerd's cgroups.Mode(): only a unified hierarchy at /sys/fs/cgroup takes the v2 shape. */
export function hostCgroupMode(): CgroupMode {
  try {
    return statfsSync('/sys/fs/cgroup').type === CGROUP2_SUPER_MAGIC ? 'v2' : 'v1';
  } catch {
    return 'v1';
  }
}

/** USER_HZ, which /proc's tick counts are in: fixed at 100 by the kernel ABI on Linux. */
const NS_PER_TICK = 10_000_000;

const kbField = (text: string, name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;

/** Proportional set size of a process, bytes: its private pages, and its share of those it shares. */
export async function pssOf(pid: number): Promise<number> {
  return kbField(await readFile(`/proc/${pid}/smaps_rollup`, 'utf8'), 'Pss');
}

/** A process's memory (PSS), CPU time (all its threads) and thread count. Throws once it is gone. */
export async function processUsage(pid: number): Promise<Omit<ResourceUsage, 'memoryLimitBytes'>> {
  const [stat, status, memoryBytes] = await Promise.all([
    readFile(`/proc/${pid}/stat`, 'utf8'),
    readFile(`/proc/${pid}/status`, 'utf8'),
    pssOf(pid),
  ]);
  // Fields after the command name, which is in parentheses and may hold spaces: utime is the 14th
  // field of the line, i.e. the 12th after the ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    memoryBytes,
    cpuUserNs: Number(fields[11]) * NS_PER_TICK,
    cpuSystemNs: Number(fields[12]) * NS_PER_TICK,
    tasks: Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 1),
  };
}

export function metricsOf(usage: ResourceUsage, mode: CgroupMode): AnyMessage {
  const cpuNs = usage.cpuUserNs + usage.cpuSystemNs;
  if (mode === 'v2') {
    const v2 = io.containerd.cgroups.v2;
    return anyOf('io.containerd.cgroups.v2.Metrics', v2.Metrics, {
      pids: { current: usage.tasks },
      cpu: {
        usageUsec: Math.round(cpuNs / 1000),
        userUsec: Math.round(usage.cpuUserNs / 1000),
        systemUsec: Math.round(usage.cpuSystemNs / 1000),
      },
      memory: { anon: usage.memoryBytes, usage: usage.memoryBytes, usageLimit: usage.memoryLimitBytes },
    });
  }
  const v1 = io.containerd.cgroups.v1;
  return anyOf('io.containerd.cgroups.v1.Metrics', v1.Metrics, {
    pids: { current: usage.tasks },
    cpu: { usage: { total: cpuNs, kernel: usage.cpuSystemNs, user: usage.cpuUserNs } },
    memory: {
      rss: usage.memoryBytes,
      totalRss: usage.memoryBytes,
      usage: { usage: usage.memoryBytes, limit: usage.memoryLimitBytes },
    },
  });
}
