/**
 * `GET /metrics` on serve's admin port: Prometheus's text format as Prometheus's own `promtool
 * check metrics` reads it (parse and lint), with figures that match the requests sent.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { execa } from 'execa';
import { buildModules, modulePath } from '../modules/harness.js';
import { sample } from '../serve/metrics-sample.js';
import { startServe } from '../support/serve.js';

test('metrics count requests by function and status, their latency, and the instances', async () => {
  await buildModules();
  const { serve, gateway, admin } = await startServe(['--instances', '2', `pong=${modulePath('serve-no-wasi')}`]);
  try {
    for (let i = 0; i < 5; i++) assert.equal((await fetch(`http://${gateway}/`, { headers: { id: 'pong' } })).status, 200);
    assert.equal((await fetch(`http://${gateway}/`, { headers: { id: 'nobody' } })).status, 404);

    const res = await fetch(`http://${admin}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const promtool = await execa('promtool', ['check', 'metrics'], { input: text, reject: false });
    assert.equal(promtool.exitCode, 0, `promtool: ${promtool.stdout}${promtool.stderr}`);

    assert.equal(sample(text, 'wasmctl_serve_requests_total', { function: 'pong', status: '200' }), 5);
    assert.equal(sample(text, 'wasmctl_serve_requests_total', { function: 'nobody', status: '404' }), 1);
    assert.equal(sample(text, 'wasmctl_serve_request_duration_seconds_count', { function: 'pong' }), 5);
    assert.equal(sample(text, 'wasmctl_serve_request_duration_seconds_bucket', { function: 'pong', le: '+Inf' }), 5);
    assert.equal(sample(text, 'wasmctl_serve_instances', { function: 'pong', state: 'idle' }), 2);
    assert.equal(sample(text, 'wasmctl_serve_instances', { function: 'pong', state: 'busy' }), 0);
    assert.equal(sample(text, 'wasmctl_serve_instance_starts_total', { function: 'pong' }), 2);
  } finally {
    serve.kill('SIGTERM');
    await serve;
  }
});
