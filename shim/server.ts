/**
 * The long-lived shim server: `node dist/shim/server.js --socket S --ttrpc-address A --namespace N [--mode M]`,
 * spawned by the `start` subcommand of bin/containerd-shim-wasmctl-v1 with its stdio on /dev/null
 * and its cwd at `/`. It writes `<socket>.pid` once it accepts connections (`start` waits for that
 * file) and removes its files when it exits.
 *
 * Modes: `shared` holds every task of one namespace of one containerd and stays warm until it has
 * had no task for `--idle-ms`; `per-container` holds one task and exits after its Shutdown.
 */
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { describeError } from '../common/index.js';
import { EventPublisher } from './events.js';
import { hostCgroupMode } from './metrics.js';
import { ProcessRunner } from './process-runner.js';
import { TASK_SERVICE } from './protocol.js';
import { TaskService } from './task-service.js';
import { bindService, TtrpcServer } from './ttrpc/index.js';

const argsSchema = z.object({
  socket: z.string().min(1),
  'ttrpc-address': z.string().min(1),
  namespace: z.string().min(1),
  mode: z.enum(['shared', 'per-container']).default('shared'),
  'idle-ms': z.coerce.number().int().positive().default(300_000),
});

const args = argsSchema.parse(
  parseArgs({
    options: {
      socket: { type: 'string' },
      'ttrpc-address': { type: 'string' },
      namespace: { type: 'string' },
      mode: { type: 'string' },
      'idle-ms': { type: 'string' },
    },
  }).values,
);
const pidFile = `${args.socket}.pid`;
/** Touched by every `start` that hands out this server's address; see the idle check below. */
const leaseFile = `${args.socket}.lease`;

const serverLog = (message: string) => process.stderr.write(`wasmctl shim ${process.pid}: ${message}\n`);
const events = new EventPublisher(args['ttrpc-address'], serverLog);
let lastActivity = Date.now();

function exit(code: number): never {
  rmSync(args.socket, { force: true });
  rmSync(pidFile, { force: true });
  rmSync(leaseFile, { force: true });
  // A crash's log stays for `delete`, which hands it to containerd's log and removes it.
  if (code === 0) rmSync(`${args.socket}.log`, { force: true });
  process.exit(code);
}

const tasks = new TaskService({
  runner: new ProcessRunner(args.mode === 'shared'),
  events,
  version: '0.1.0',
  namespace: args.namespace,
  cgroupMode: hostCgroupMode(),
  onIdle: (now) => {
    lastActivity = Date.now();
    // Let Shutdown's response leave before the socket goes.
    if (now || args.mode === 'per-container') setImmediate(() => void server.close().then(() => exit(0)));
  },
});
const server = new TtrpcServer([bindService(TASK_SERVICE, tasks)], () => (lastActivity = Date.now()));

process.on('uncaughtException', (err) => {
  // Dying is the honest answer: containerd sees the connections drop, runs `delete` for each
  // task (exit 137), and the next `start` brings up a fresh server.
  serverLog(`crashed: ${describeError(err)}`);
  exit(1);
});
process.on('SIGTERM', () => exit(0));

await server.listen(args.socket);
writeFileSync(pidFile, `${process.pid}\n`);

if (args.mode === 'shared') {
  setInterval(
    () => {
      const lease = statSync(leaseFile, { throwIfNoEntry: false })?.mtimeMs ?? 0;
      if (tasks.size === 0 && server.connectionCount === 0 && Date.now() - Math.max(lastActivity, lease) >= args['idle-ms']) exit(0);
    },
    Math.min(args['idle-ms'], 5000),
  );
}
