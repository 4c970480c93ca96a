/**
 * A runtime API client generated from our .proto by another gRPC stack: Debian's python3-grpcio
 * with stubs from grpc_tools.protoc, driven by a JSON list of calls on stdin.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { RUNTIME_PROTO_DIR } from '../../runtime-bridge/client/index.js';

const PYTHON = '/usr/bin/python3';

/** Reads [{rpc, request, address?}] on stdin, prints [{code, details?, response?}] as JSON. */
const DRIVER = String.raw`
import base64, json, os, queue, sys
sys.path.insert(0, sys.argv[1])
import grpc
from google.protobuf import json_format
import runtime_pb2, runtime_pb2_grpc

service = runtime_pb2.DESCRIPTOR.services_by_name['Runtime']
stubs = {}
channels = []
def stub(address):
    if address not in stubs:
        channels.append(grpc.insecure_channel(address))
        stubs[address] = runtime_pb2_grpc.RuntimeStub(channels[-1])
    return stubs[address]
def to_dict(message):
    return json_format.MessageToDict(message, preserving_proto_field_name=True)
def request_of(rpc, body):
    if rpc == 'InvokeService':
        # Any with no type_url has no JSON form: build it by hand, data as base64.
        message = runtime_pb2.CommonInvokeRequest(method=body['method'])
        message.data.value = base64.b64decode(body['data'])
        return runtime_pb2.InvokeServiceRequest(id=body['id'], message=message)
    cls = getattr(runtime_pb2, service.methods_by_name[rpc].input_type.name)
    return json_format.ParseDict(body, cls())

def run(call, default_address):
    rpc, body = call['rpc'], call.get('request', {})
    runtime = stub(call.get('address', default_address))
    if rpc == 'SubscribeTopicEvents':
        requests = queue.Queue()
        requests.put(runtime_pb2.SubscribeTopicEventsRequest(initial_request=json_format.ParseDict(body, runtime_pb2.SubscribeTopicEventsRequestInitial())))
        stream = runtime.SubscribeTopicEvents(iter(requests.get, None), timeout=10)
        answers = [to_dict(next(stream))]
        runtime.PublishEvent(json_format.ParseDict(call['publish'], runtime_pb2.PublishEventRequest()), timeout=10)
        event = next(stream)
        answers.append(to_dict(event))
        # Answer event_processed as told; after a RETRY the same event comes again.
        for status in call.get('acks', []):
            processed = {'event_processed': {'id': event.event_message.id, 'status': {'status': status}}}
            requests.put(json_format.ParseDict(processed, runtime_pb2.SubscribeTopicEventsRequest()))
            if status == 'RETRY':
                event = next(stream)
                answers.append(to_dict(event))
        requests.put(None)
        if call.get('acks'):
            # Until the sidecar ends the stream: it has then read every answer sent before.
            for _ in stream:
                pass
        return answers
    request = request_of(rpc, body)
    if rpc == 'PutFile':
        return to_dict(runtime.PutFile(iter([request]), timeout=10))
    if rpc in ('GetFile', 'SubscribeConfiguration'):
        return [to_dict(m) for m in getattr(runtime, rpc)(iter([request]) if rpc == 'SubscribeConfiguration' else request, timeout=10)]
    response = getattr(runtime, rpc)(request, timeout=10)
    if rpc == 'InvokeService':
        return {'data': base64.b64encode(response.data.value).decode(), 'content_type': response.content_type}
    return to_dict(response)

results = []
for call in json.load(sys.stdin):
    try:
        results.append({'code': 'OK', 'response': run(call, sys.argv[2])})
    except grpc.RpcError as e:
        results.append({'code': e.code().name, 'details': e.details()})
print(json.dumps(results))
sys.stdout.flush()
for channel in channels:
    channel.close()
# grpcio's threads can hang the interpreter's shutdown after streaming calls: leave at once.
os._exit(0)
`;

export interface Result {
  code: string;
  details?: string;
  // Python's MessageToDict output: shapes vary per RPC, each test reads the fields it checks.
  response?: any;
}
export interface Call {
  rpc: string;
  request?: object;
  address?: string;
  /** SubscribeTopicEvents: what is published once the stream is up. */
  publish?: object;
  /** SubscribeTopicEvents: the event_processed statuses to answer, in order. */
  acks?: Array<'SUCCESS' | 'RETRY' | 'DROP'>;
}

export const b64 = (text: string) => Buffer.from(text).toString('base64');
export const text = (base64: string | undefined) => Buffer.from(base64 ?? '', 'base64').toString();

export interface PythonClient {
  /** Runs the calls in order against `address` (a call's own `address` wins). */
  run(address: string, calls: Call[]): Promise<Result[]>;
  stop(): Promise<void>;
}

export async function startPythonClient(): Promise<PythonClient> {
  const dir = await mkdtemp(join(tmpdir(), 'wasmctl-pyclient-'));
  await execa(PYTHON, [
    '-m',
    'grpc_tools.protoc',
    `-I${RUNTIME_PROTO_DIR}`,
    `--python_out=${dir}`,
    `--grpc_python_out=${dir}`,
    'runtime.proto',
    'appcallback.proto',
  ]);
  await writeFile(join(dir, 'driver.py'), DRIVER);
  return {
    async run(address, calls) {
      const { stdout } = await execa(PYTHON, [join(dir, 'driver.py'), dir, address], { input: JSON.stringify(calls), timeout: 60_000 });
      return JSON.parse(stdout) as Result[];
    },
    stop: () => rm(dir, { recursive: true, force: true }),
  };
}
