/**
 * `wasmctl run` stops whatever the module does: a memory.grow loop (V8 holds back a Worker's
 * termination while it grows), a read of a stdin that never ends (no termination interrupts
 * read(2)), a plain busy loop and a loop of host calls, each by --timeout (124) and by SIGTERM (143) / SIGINT (130),
 * within a second of when it should. Tables count against --memory.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { REPO } from '../support/repo.js';
import { buildModules, modulePath } from '../modules/harness.js';

before(() => buildModules());

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** ms from the module's first output line to the process's end. */
  afterStart: number;
}

/** Runs `wasmctl run ARGS`, calls `onStart` at the module's first line, waits (at most 20 s) for the end. */
function run(args: string[], onStart: (pid: number) => void = () => undefined): Promise<Ended> {
  // stdin is a pipe this test never writes to nor closes: a read of it blocks until the end.
  const child = spawn(join(REPO, 'bin/wasmctl'), ['run', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let startedAt = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (!startedAt && stdout.includes('\n')) {
      startedAt = Date.now();
      onStart(child.pid as number);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr, afterStart: startedAt ? Date.now() - startedAt : NaN });
    }),
  );
}

const HOSTILE = [
  { name: 'a memory.grow loop', module: 'grow-loop', first: 'growing\n' },
  { name: 'a blocked stdin read', module: 'stdin-block', first: 'reading\n', args: ['-i'] },
  { name: 'an infinite loop', module: 'loop', first: 'looping\n' },
  // Answered by the embedded in-memory store on node's main thread, where the module runs too.
  { name: 'a loop of host calls', module: 'state-ops', first: 'looping\n', moduleArgs: ['loop:state_demo:k'] },
];

for (const { name, module, first, args = [], moduleArgs = [] } of HOSTILE) {
  describe(name, () => {
    test('--timeout 1s exits 124 within a second of the timeout', async () => {
      const r = await run([...args, '--timeout', '1s', modulePath(module), ...moduleArgs]);
      assert.equal(r.code, 124, r.stderr);
      assert.equal(r.stdout, first);
      assert.equal(r.stderr, 'wasmctl: module exceeded --timeout 1s\n');
      assert.ok(r.afterStart < 2000, `ended ${r.afterStart} ms after the module started`);
    });

    for (const [signal, code] of [
      ['SIGTERM', 143],
      ['SIGINT', 130],
    ] as const) {
      test(`${signal} exits ${code} within a second`, async () => {
        let sentAt = 0;
        const r = await run([...args, modulePath(module), ...moduleArgs], (pid) => {
          sentAt = Date.now();
          process.kill(pid, signal);
        });
        assert.equal(r.code, code, r.stderr);
        assert.equal(r.stdout, first);
        assert.ok(Date.now() - sentAt < 1000 + 100, `ended ${Date.now() - sentAt} ms after ${signal}`);
      });
    }
  });
}

test('tables count against --memory: 25 tables of 10 M slots are refused at start, in one line', async () => {
  const r = await run(['--memory', '1m', modulePath('table-hog')]);
  assert.equal(r.code, 125);
  assert.equal(
    r.stderr,
    'wasmctl: the module needs 64 KiB of linear memory and 1907.35 MiB of tables at start, above the --memory cap of 1 MiB (raise --memory)\n',
  );
});

test('a table.grow loop under --memory 1m sees table.grow fail, not gigabytes', async () => {
  const r = await run(['--memory', '1m', modulePath('table-grow')]);
  // 1 + the thousands of slots it got (see table-grow.wat); 0 would mean 400,000 slots with no failure.
  assert.equal(r.code, 3, r.stderr);
});
