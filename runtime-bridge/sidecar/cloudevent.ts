/**
 * Layotto's CloudEvents 1.0 envelope (pkg/grpc/dapr/dapr_api_pubsub.go over Dapr's
 * pubsub/envelope.go): what PublishEvent stores, and how a subscriber's TopicEventRequest is made
 * from it, so that messages cross between wasmctl's and Layotto's sidecars on the same broker.
 */
import { randomUUID } from 'node:crypto';
import { WasmctlError } from '../../common/index.js';
import type { v1 } from '../client/index.js';

/** appcallback.proto's TopicEventRequest, as both delivery paths send it. */
export type TopicEvent = Omit<v1.TopicEventRequest, '$unknowns'>;

export interface Publication {
  pubsub: string;
  topic: string;
  data: Buffer;
  contentType: string;
  metadata: Record<string, string>;
}

/** Dapr's contenttype.isContentType: the media type, parameters after `;` ignored. */
const isType = (contentType: string, expected: string) => contentType.toLowerCase().split(';')[0]?.trim() === expected;
const isJson = (contentType: string) => isType(contentType, 'application/json');
const isBinary = (contentType: string) => isType(contentType, 'application/octet-stream');

/** Go's RFC 3339 without fractional seconds, as Dapr writes `expiration`. */
const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function fromCloudEvent(data: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString('utf8'));
  } catch (err) {
    throw new WasmctlError('InvalidArgument', `cannot create cloudevent: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new WasmctlError('InvalidArgument', 'cannot create cloudevent: the data is not a JSON object');
  }
  // Dapr's defaults when the caller's own event leaves them out.
  return { source: 'Dapr', type: 'com.dapr.event.sent', specversion: '1.0', ...parsed };
}

function newEnvelope(p: Publication): Record<string, unknown> {
  const contentType = p.contentType || 'text/plain';
  const envelope: Record<string, unknown> = {
    id: randomUUID(),
    source: 'runtime',
    type: 'com.runtime.event.sent',
    specversion: '1.0',
    datacontenttype: contentType,
  };
  const text = p.data.toString('utf8');
  if (isBinary(contentType)) envelope.data_base64 = p.data.toString('base64');
  else if (isJson(contentType)) {
    try {
      envelope.data = JSON.parse(text);
    } catch {
      envelope.data = text;
    }
  } else envelope.data = text;
  return envelope;
}

/** The bytes PublishEvent hands the broker: Layotto's envelope as JSON. */
export function wrapEvent(p: Publication): Buffer {
  const envelope = isType(p.contentType, 'application/cloudevents+json') ? fromCloudEvent(p.data) : newEnvelope(p);
  Object.assign(envelope, { topic: p.topic, pubsubname: p.pubsub, traceid: '' });
  const ttl = Number(p.metadata.ttlInSeconds);
  if (p.metadata.ttlInSeconds && Number.isInteger(ttl)) envelope.expiration = rfc3339(Date.now() + ttl * 1000);
  return Buffer.from(JSON.stringify(envelope));
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

function dataOf(envelope: Record<string, unknown>, contentType: string): Buffer {
  const { data, data_base64: base64 } = envelope;
  if (typeof base64 === 'string') return Buffer.from(base64, 'base64');
  if (data === undefined || data === null) return Buffer.alloc(0);
  // JSON data goes back to JSON text; a string is its bytes, whatever the (non-JSON) type.
  if (isJson(contentType) || typeof data !== 'string') return Buffer.from(JSON.stringify(data));
  return Buffer.from(data);
}

/**
 * The TopicEventRequest for a stored message, or null when its `expiration` has passed (dropped,
 * as Layotto does). A payload that is not an envelope (XADDed by another producer) is delivered
 * as it is, typed application/octet-stream, as Dapr's FromRawPayload does.
 */
export function unwrapEvent(payload: Buffer, pubsub: string, topic: string): TopicEvent | null {
  let envelope: unknown;
  try {
    envelope = JSON.parse(payload.toString('utf8'));
  } catch {
    envelope = undefined;
  }
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
    return {
      id: randomUUID(),
      source: 'Dapr',
      type: 'com.dapr.event.sent',
      specVersion: '1.0',
      dataContentType: 'application/octet-stream',
      topic,
      data: payload,
      pubsubName: pubsub,
      metadata: {},
    };
  }
  const fields = envelope as Record<string, unknown>;
  const expiration = Date.parse(text(fields.expiration));
  if (expiration < Date.now()) return null;
  const contentType = text(fields.datacontenttype);
  return {
    id: text(fields.id),
    source: text(fields.source),
    type: text(fields.type),
    specVersion: text(fields.specversion),
    dataContentType: contentType,
    topic,
    data: dataOf(fields, contentType),
    pubsubName: pubsub,
    metadata: {},
  };
}
