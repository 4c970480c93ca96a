/** `wasmctl sidecar` as users run it: prints its address, serves, shuts down on SIGTERM. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { RuntimeClient } from '../../runtime-bridge/client/index.js';
import { REPO } from '../support/repo.js';

const WASMCTL = join(REPO, 'bin', 'wasmctl.js');

test('wasmctl sidecar --config serves the configured components and exits 0 on SIGTERM', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'wasmctl-sidecar-cli-'));
  const config = join(dir, 'layotto.json');
  await writeFile(config, JSON.stringify({ state: { books: { type: 'in-memory' } }, lock: { l: { type: 'zookeeper' } } }));
  const child = execa('node', [WASMCTL, 'sidecar', '--listen', '127.0.0.1:0', '--config', config], { reject: false });
  try {
    const [line] = (await once(child.stdout!, 'data')) as [Buffer];
    const address = /^listening on (127\.0\.0\.1:\d+)$/m.exec(line.toString())?.[1];
    assert.ok(address, line.toString());
    const client = new RuntimeClient(address);
    await client.saveState('books', 'book1', Buffer.from('100'));
    assert.equal((await client.getState('books', 'book1'))?.value.toString(), '100');
    await assert.rejects(client.getState('state_demo', 'book1'), { kind: 'InvalidArgument' });
    client.close();
    child.kill('SIGTERM');
    const result = await child;
    assert.equal(result.exitCode, 0);
    assert.match(result.stderr, /skipping lock store "l": type "zookeeper" is not supported/);
    assert.match(result.stderr, /SIGTERM, shutting down/);
  } finally {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
});

test('wasmctl sidecar refuses a bad --listen and a missing --config with one line, exit 125', async () => {
  const bad = await execa('node', [WASMCTL, 'sidecar', '--listen', 'nowhere'], { reject: false });
  assert.equal(bad.exitCode, 125);
  assert.match(bad.stderr, /^wasmctl: listen must be host:port/);
  const missing = await execa('node', [WASMCTL, 'sidecar', '--config', '/nonexistent/layotto.json'], { reject: false });
  assert.equal(missing.exitCode, 125);
  assert.match(missing.stderr, /^wasmctl: cannot read sidecar config \/nonexistent\/layotto\.json/);
});
