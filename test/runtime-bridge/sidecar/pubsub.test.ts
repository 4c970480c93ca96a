/** Layotto's CloudEvent envelope and pub/sub metadata, as the sidecar writes and reads them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unwrapEvent, wrapEvent } from '../../../runtime-bridge/sidecar/cloudevent.js';
import { pubsubOptions } from '../../../runtime-bridge/sidecar/components/pubsub-options.js';

const wrap = (data: string, contentType: string, metadata: Record<string, string> = {}) =>
  JSON.parse(wrapEvent({ pubsub: 'ps', topic: 't', data: Buffer.from(data), contentType, metadata }).toString()) as Record<string, unknown>;

test('JSON data that does not parse is kept as a string; media type parameters do not matter', () => {
  assert.equal(wrap('{oops', 'application/json').data, '{oops');
  assert.deepEqual(wrap('[1]', 'application/json; charset=utf-8').data, [1]);
  const event = unwrapEvent(
    wrapEvent({ pubsub: 'ps', topic: 't', data: Buffer.from('{oops'), contentType: 'application/json', metadata: {} }),
    'ps',
    't',
  );
  assert.equal(event?.data.toString(), '"{oops"', 'as Layotto re-marshals JSON data');
});

test("ttlInSeconds sets the envelope's expiration; an expired message is not delivered", () => {
  const envelope = wrap('x', '', { ttlInSeconds: '60' });
  assert.match(String(envelope.expiration), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.ok(Date.parse(String(envelope.expiration)) > Date.now() + 55_000);
  const expired = Buffer.from(JSON.stringify({ ...envelope, expiration: '2020-01-01T00:00:00Z' }));
  assert.equal(unwrapEvent(expired, 'ps', 't'), null);
});

test('a cloudevents+json publish that is not a JSON object is INVALID_ARGUMENT', () => {
  assert.throws(() => wrap('[1]', 'application/cloudevents+json'), { kind: 'InvalidArgument', message: /cannot create cloudevent/ });
  assert.throws(() => wrap('{', 'application/cloudevents+json'), { kind: 'InvalidArgument' });
});

test('durations are milliseconds or Go durations; bad metadata is one line naming the component', () => {
  assert.deepEqual(
    [pubsubOptions('p', {}).processingTimeout, pubsubOptions('p', {}).redeliverInterval, pubsubOptions('p', {}).concurrency],
    [60_000, 15_000, 10],
  );
  assert.equal(pubsubOptions('p', { processingTimeout: '1500' }).processingTimeout, 1500);
  assert.equal(pubsubOptions('p', { processingTimeout: '1m30s' }).processingTimeout, 90_000);
  assert.equal(pubsubOptions('p', { redeliverInterval: '250ms', concurrency: '3' }).redeliverInterval, 250);
  assert.throws(() => pubsubOptions('orders', { processingTimeout: 'soon' }), {
    kind: 'InvalidArgument',
    message: /^pub\/sub orders: bad metadata at processingTimeout: "soon" is not a duration/,
  });
});
