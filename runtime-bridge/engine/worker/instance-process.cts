/**
 * One `wasmctl serve` function instance in a process of its own, so that serve can always stop it:
 * SIGKILL ends a module whatever it does (a thread in a memory.grow loop ignores
 * Worker.terminate()). The process has no event loop to speak of: it blocks on read(2) of fd 3
 * for serve's next frame (instance-protocol.cts), and a host call is a write and a blocking read
 * on the same socket. A trap breaks only the instance: a fresh one of the same module takes its
 * place here, before the failure is answered; serve restarts the process only if that fails.
 */
import * as fs from 'node:fs';
import { HostCallError, type CallHost } from './host-channel.cjs';
import type { HostImportModule } from './host-imports.cjs';
import {
  BrokenInstance,
  checkModule,
  serveRequest,
  startInstance,
  type CompiledFunction,
  type Instance,
  type LinkContext,
} from '../../abi/proxy-lifecycle.cjs';
import { encodeFrame, FrameReader, type FromInstance, type ToInstance } from './instance-protocol.cjs';
import { describeFailure } from './linking.cjs';
import type * as ComponentKind from '../component/http/component-process.cjs';

const CHANNEL = 3;
const reader = new FrameReader();
const chunk = Buffer.allocUnsafe(256 * 1024);

/** The next frame from serve; its end (serve gone) ends this process. */
function read(): ToInstance {
  for (;;) {
    const message = reader.next<ToInstance>();
    if (message) return message;
    const n = fs.readSync(CHANNEL, chunk, 0, chunk.length, null);
    if (n === 0) process.exit(0);
    reader.push(Buffer.from(chunk.subarray(0, n)));
  }
}

function write(message: FromInstance): void {
  const frame = encodeFrame(message);
  for (let at = 0; at < frame.length;) at += fs.writeSync(CHANNEL, frame, at);
}

const callHost: CallHost = (method, payload) => {
  write({ type: 'call', method, payload });
  const reply = read();
  if (reply.type !== 'reply') throw new HostCallError(`serve sent ${reply.type} while a host call waited`);
  return { status: reply.status, data: reply.data };
};

/** The wasi:http/proxy kind of instance, loaded only by the processes that run one. */
const serveComponent: typeof ComponentKind.serveComponent = (def, channel) =>
  (require('../component/http/component-process.cjs') as typeof ComponentKind).serveComponent(def, channel);

function describe(err: unknown): string {
  if (err instanceof BrokenInstance) return err.message;
  const failure = describeFailure(err);
  return 'message' in failure ? failure.message : String(err);
}

// Ctrl-C reaches the whole foreground process group: serve drains, then stops its instances itself.
process.on('SIGINT', () => undefined);
write({ type: 'booted' });
const first = read();
if (first.type !== 'start') throw new Error(`an instance process must be started first, not sent ${first.type}`);
if ('component' in first.def) serveComponent(first.def, { read, write, callHost });
const { bytes, ...rest } = first.def;
const ctx: LinkContext = {
  config: first.config,
  callHost,
  runtime: first.config.workerModule ? (require(first.config.workerModule) as HostImportModule).hostImports : {},
};
let def: CompiledFunction;
let instance: Instance;
try {
  def = { ...rest, module: new WebAssembly.Module(bytes) };
  checkModule(def, ctx);
  const started = startInstance(def, ctx);
  instance = started.instance;
  write({ type: 'ready', moduleId: started.moduleId });
} catch (err) {
  write({ type: 'failed', message: describe(err), lost: true });
  process.exit(1);
}

for (;;) {
  const message = read();
  if (message.type !== 'request') throw new Error(`an instance process cannot handle ${message.type} here`);
  let answer: FromInstance;
  try {
    answer = { type: 'response', ...serveRequest(instance, message.headers, message.body) };
  } catch (err) {
    if (err instanceof HostCallError) throw err;
    instance.close();
    const message = describe(err);
    answer = { type: 'failed', message, lost: false };
    try {
      instance = startInstance(def, ctx).instance;
    } catch (restart) {
      write({ type: 'failed', message: `${message}; a new instance failed: ${describe(restart)}`, lost: true });
      process.exit(1);
    }
  }
  write(answer);
}
