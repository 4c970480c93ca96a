/**
 * `wasmctl sidecar` in its own process, as users run it: what a test kills (SIGKILL mid-delivery)
 * and restarts, or whose memory it reads from /proc.
 */
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { REPO } from './repo.js';

export interface SidecarProcess {
  address: string;
  /** Resident set size now, in bytes. */
  rss(): Promise<number>;
  /** What it wrote to stderr so far. */
  stderr(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startSidecarProcess(configFile: string, listen = '127.0.0.1:0'): Promise<SidecarProcess> {
  const child: ResultPromise = execa('node', [join(REPO, 'bin', 'wasmctl.js'), 'sidecar', '--listen', listen, '--config', configFile], {
    reject: false,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [line] = (await Promise.race([once(child.stdout!, 'data'), child.then(() => [Buffer.from('')])])) as [Buffer];
  const address = /^listening on (\S+)$/m.exec(line.toString())?.[1];
  if (!address) throw new Error(`wasmctl sidecar did not start: ${stderr}`);
  return {
    address,
    async rss() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
    },
    stderr: () => stderr,
    async kill(signal = 'SIGTERM') {
      child.kill(signal);
      await child;
    },
  };
}
