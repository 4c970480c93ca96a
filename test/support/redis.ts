/**
 * A private redis-server for tests: 127.0.0.1 on a free port, no persistence, its folder in a
 * temp dir removed on stop; `cli` runs redis-cli against it to check what the code under test wrote.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { freePort } from './registry.js';

export interface RedisServer {
  port: number;
  /** `localhost:<port>`, as Layotto's redisHost metadata writes it. */
  host: string;
  /** Runs redis-cli against this server; resolves to its trimmed stdout. */
  cli(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** `port`: a given one (a Redis that comes up where a sidecar already looks for it). */
export async function startRedis(port?: number): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'wasmctl-redis-'));
  port ??= await freePort();
  const server = execa(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1 -::1', '--dir', dir, '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore', reject: false },
  );
  const cli = async (...args: string[]) => (await execa('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args])).stdout.trim();
  const stop = async () => {
    server.kill('SIGTERM');
    await server;
    await rm(dir, { recursive: true, force: true });
  };
  for (let attempt = 0; attempt < 50; attempt++) {
    if ((await cli('ping').catch(() => '')) === 'PONG') return { port, host: `localhost:${port}`, cli, stop };
    await sleep(100);
  }
  await stop();
  throw new Error(`redis-server did not start on port ${port}`);
}
