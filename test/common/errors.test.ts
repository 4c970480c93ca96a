import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WasmctlError, describeError, exitCodeOf, grpcCodeOf, kindOfGrpcCode } from '../../common/index.js';

test('a tool failure exits 125 unless the error names its own code, as docker does', () => {
  assert.equal(exitCodeOf(new WasmctlError('NotFound', 'image hello:v1 not found')), 125);
  assert.equal(exitCodeOf(new WasmctlError('NotFound', 'entry missing', { exitCode: 127 })), 127);
  assert.equal(exitCodeOf(new Error('boom')), 125);
});

test('kinds map to gRPC status codes and errors read as one line with a hint', () => {
  assert.equal(grpcCodeOf(new WasmctlError('NotFound', 'x')), 5);
  assert.equal(grpcCodeOf(new WasmctlError('Unavailable', 'x')), 14);
  assert.equal(grpcCodeOf(new Error('x')), 13);
  const err = new WasmctlError('Unavailable', 'registry 127.0.0.1:1 is down', { hint: 'is it running?' });
  assert.equal(describeError(err), 'registry 127.0.0.1:1 is down (is it running?)');
});

test('a gRPC/ttrpc status code reads back as the kind that made it; codes with no kind are Internal', () => {
  for (const kind of [
    'InvalidArgument',
    'NotFound',
    'AlreadyExists',
    'FailedPrecondition',
    'Aborted',
    'Unimplemented',
    'Unavailable',
  ] as const) {
    assert.equal(kindOfGrpcCode(grpcCodeOf(new WasmctlError(kind, 'x'))), kind);
  }
  assert.equal(kindOfGrpcCode(16), 'PermissionDenied');
  assert.equal(kindOfGrpcCode(2), 'Internal');
  assert.equal(kindOfGrpcCode(99), 'Internal');
});
