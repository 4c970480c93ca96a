/**
 * `wasmctl run` of a module calling Layotto's state functions, answered by the embedded in-memory
 * store on node's main thread: the exit codes, traps and user-facing lines a Worker's run has.
 * Its stops while it loops inside host calls (--timeout, SIGTERM, SIGINT) are run-stop's.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { execa } from 'execa';
import { REPO } from '../support/repo.js';
import { buildModules, modulePath } from '../modules/harness.js';

before(() => buildModules());

const run = (args: string[], ops: string[]) =>
  execa(join(REPO, 'bin/wasmctl'), ['run', ...args, modulePath('state-ops'), ...ops], { reject: false, stdin: 'ignore', timeout: 60_000 });

test("the module's exit code is wasmctl's, its answers read back under --memory", async () => {
  const r = await run(['--memory', '1m'], ['save:state_demo:k:v1', 'get:state_demo:k', 'get:state_demo:none', 'exit:7']);
  assert.equal(r.exitCode, 7, r.stderr);
  assert.equal(r.stdout, 'save 0\nget 0 v1\nget 1');
  assert.equal(r.stderr, '');
});

test('a trap after host calls: 134 naming the function', async () => {
  const r = await run([], ['save:state_demo:k:v', 'trap']);
  assert.equal(r.exitCode, 134);
  assert.equal(r.stdout, 'save 0');
  assert.equal(r.stderr, 'wasmctl: wasm trap: unreachable in main');
});

test('an unknown store: status 2 for the module, one line for the user, exit 0', async () => {
  const r = await run([], ['get:nosuch:k']);
  assert.equal(r.exitCode, 0);
  assert.equal(r.stdout, 'get 2');
  assert.match(r.stderr, /^wasmctl: host call GetState failed: state store "nosuch" is not configured/);
});
