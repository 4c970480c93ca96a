/**
 * docs/containerd.md's CRI config.toml, pasted as the whole file (only the test's own folders and
 * socket added): containerd loads its CRI plugin, which refuses a default runtime it has no entry
 * for (the reason the doc keeps runc's). Running pods is shim-cri.test.ts's (it needs an imported
 * sandbox image, which the doc's file leaves at containerd's default).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startContainerd, type Containerd } from '../support/containerd.js';
import { REPO } from '../support/repo.js';

let ctrd: Containerd;
let config: string;

before(async () => {
  const doc = await readFile(join(REPO, 'docs/containerd.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Kubernetes: the CRI plugin'));
  config = /```toml\n([^]*?)```/.exec(section)?.[1] ?? '';
  assert.match(config, /runtimes\.wasmctl\]/, 'the doc has its CRI config.toml');
  // ConfigPath is optional; the doc names a file this machine does not have.
  ctrd = await startContainerd({ userConfig: config.replace(/^.*ConfigPath.*$/m, ''), namespace: 'k8s.io' });
});

after(async () => {
  await ctrd?.stop();
});

test("the doc's config.toml as a whole file: the CRI plugin loads, with runc as its default and wasmctl beside it", async () => {
  const plugins = await ctrd.ctr(['plugins', 'ls']);
  const cri = plugins.stdout.split('\n').find((line) => /\bio\.containerd\.grpc\.v1\s+cri\b/.test(line));
  assert.match(cri ?? '', /\bok\s*$/, `${cri}\n${ctrd.log()}`);
  assert.doesNotMatch(ctrd.log(), /failed to load plugin io\.containerd\.grpc\.v1\.cri/);
});
