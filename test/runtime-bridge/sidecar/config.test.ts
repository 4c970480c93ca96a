import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSidecarConfig } from '../../../runtime-bridge/sidecar/index.js';

const grpcConfig = {
  state: { state_demo: { type: 'redis', metadata: { redisHost: 'localhost:6379', redisPassword: '' } } },
  app: { app_id: 'app1', grpc_callback_port: 9999 },
};

test("Layotto's whole config.json and a bare grpc_config give the same components", () => {
  const whole = {
    servers: [{ listeners: [{ name: 'grpc', filter_chains: [{ filters: [{ type: 'grpc', config: { grpc_config: grpcConfig } }] }] }] }],
  };
  assert.deepEqual(parseSidecarConfig(whole), grpcConfig);
  assert.deepEqual(parseSidecarConfig(grpcConfig), grpcConfig);
});

test('a config.json with no grpc filter, or a malformed component, is refused with the reason', () => {
  assert.throws(
    () => parseSidecarConfig({ servers: [{ listeners: [{ filter_chains: [{ filters: [{ type: 'http' }] }] }] }] }, 'layotto.json'),
    {
      kind: 'InvalidArgument',
      message: 'layotto.json: no listener has a grpc filter with a "grpc_config"',
    },
  );
  assert.throws(() => parseSidecarConfig({ state: { state_demo: { metadata: {} } } }, 'c.json'), {
    kind: 'InvalidArgument',
    message: /c\.json: not a Layotto config at state\.state_demo\.type/,
  });
});
