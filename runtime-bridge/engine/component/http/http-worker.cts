/**
 * The worker of one warm wasi:http/proxy instance: links the component once, then for each request
 * calls its exported wasi:http/incoming-handler.handle with the request and a response-outparam,
 * and posts back what it set there. One request at a time, as a component instance is not reentrant.
 */
import { parentPort } from 'node:worker_threads';
import { hostCaller } from '../../worker/host-channel.cjs';
import { describeFailure } from '../../worker/linking.cjs';
import { commandHost, missingInterfaces } from '../host/index.cjs';
import { asV8Trap, exportOf, linkComponent } from '../link.cjs';
import type { FromHttpWorker, HttpStart, ToHttpWorker } from './protocol.cjs';
import { httpTypes, IncomingRequest, ResponseOutparam } from './types.cjs';

const port = parentPort as NonNullable<typeof parentPort>;
const post = (message: FromHttpWorker) => port.postMessage(message);

type Handler = { handle(request: IncomingRequest, out: ResponseOutparam): void };

const why = (err: unknown): string => {
  const result = describeFailure(asV8Trap(err));
  return result.type === 'exited' ? `the component exited (${result.exitCode})` : result.message;
};

function answer(handler: Handler, request: ToHttpWorker): FromHttpWorker {
  const out = new ResponseOutparam();
  try {
    handler.handle(new IncomingRequest(request), out);
  } catch (err) {
    return { type: 'trapped', message: why(err) };
  }
  if (out.result === null) return { type: 'trapped', message: 'the component returned without setting a response' };
  if (out.result.tag === 'err') return { type: 'trapped', message: `the component answered the error ${out.result.val.tag}` };
  return { type: 'response', response: out.result.val.toResponse() };
}

async function start({ component, args, env, rootfs, hostCalls }: HttpStart): Promise<Handler> {
  const callHost = hostCalls ? hostCaller(hostCalls) : null;
  const stdio = { stdin: null, stdout: 2, stderr: 2 };
  const host = commandHost({ args, env, rootfs, mounts: [], stdio, nofile: null, callHost, componentImports: component.imports });
  const imports = { ...host.imports, 'wasi:http/types': httpTypes };
  const missing = missingInterfaces(component.imports, { imports, close: host.close });
  if (missing.length > 0) throw new Error(`component imports ${missing.join(', ')}, which wasmctl serve does not provide`);
  const handler = exportOf<Handler>(await linkComponent(component, imports), 'wasi:http/incoming-handler');
  if (!handler) throw new Error('the component exports no wasi:http/incoming-handler: it is not a wasi:http/proxy component');
  return handler;
}

port.once('message', (message: HttpStart) => {
  start(message).then(
    (handler) => {
      port.on('message', (request: ToHttpWorker) => post(answer(handler, request)));
      post({ type: 'ready' });
    },
    (err: unknown) => post({ type: 'failed', message: why(err) }),
  );
});
