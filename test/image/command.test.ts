// An image → what to run, by docker's rules: the one function `wasmctl run` and `wasmctl serve` share.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandOf, type StoredImage } from '../../image/index.js';

const image = (config: Partial<StoredImage['config']>): StoredImage => ({
  reference: 'docker.io/library/app:v1',
  digest: 'sha256:0',
  platform: { os: 'wasi', architecture: 'wasm' },
  config: { entrypoint: [], cmd: [], env: [], workingDir: '', ...config },
  layers: [],
  size: 0,
  rootfs: '/nonexistent',
});

test('argv is Entrypoint + Cmd; arguments replace Cmd and keep the Entrypoint', () => {
  const app = image({ entrypoint: ['/app.wasm'], cmd: ['--default'] });
  assert.deepEqual(commandOf(app).argv, ['/app.wasm', '--default']);
  assert.deepEqual(commandOf(app, { args: ['a', 'b'] }).argv, ['/app.wasm', 'a', 'b']);
});

test('--entrypoint replaces the Entrypoint and drops Cmd; an image with neither is refused', () => {
  const app = image({ entrypoint: ['/app.wasm'], cmd: ['--default'] });
  assert.deepEqual(commandOf(app, { entrypoint: '/other.wasm' }).argv, ['/other.wasm']);
  assert.throws(() => commandOf(image({})), /has no Entrypoint or Cmd/);
});

test("the environment is the image's then the caller's, one entry per name, the last winning", () => {
  const app = image({ cmd: ['/app.wasm'], env: ['A=image', 'B=image'] });
  assert.deepEqual(commandOf(app, { env: ['A=cli', 'C=cli'] }).env.sort(), ['A=cli', 'B=image', 'C=cli']);
});

test('the working directory is WorkingDir, / when empty, and -w wins', () => {
  assert.equal(commandOf(image({ cmd: ['x.wasm'], workingDir: '/srv' })).cwd, '/srv');
  assert.equal(commandOf(image({ cmd: ['x.wasm'] })).cwd, '/');
  assert.equal(commandOf(image({ cmd: ['x.wasm'], workingDir: '/srv' }), { workdir: '/tmp' }).cwd, '/tmp');
});
