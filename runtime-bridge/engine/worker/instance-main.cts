/**
 * A `wasmctl serve` worker: many warm function instances (of any functions) on one thread, which
 * is what keeps a warm instance well under a MiB rather than a Worker's ~7 MiB. The thread runs
 * one operation at a time, and a host call blocks it; so InvokeService to a function that has an
 * idle instance here runs that instance's request inline, synchronously, without a main-thread hop
 * (it could not be served here otherwise: this thread waits). Any other id goes to the main thread,
 * which serves it from a worker that is not blocked. A broken instance (trap, exit) is replaced by
 * a fresh one of the same module; the others never notice.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { decodeParts, partText } from '../../abi/payload.cjs';
import type { HeaderPairs, LocalResponse } from '../../abi/proxy-state.cjs';
import { AbiStatus } from '../../abi/status.cjs';
import { HostCallError, hostCaller, type CallHost } from './host-channel.cjs';
import type { HostImportModule } from './host-imports.cjs';
import { BrokenInstance, checkModule, logLine, serveRequest, startInstance, type Instance, type LinkContext } from './instance-lifecycle.cjs';
import type { FromInstance, FunctionDef, InstanceConfig, Reply, ToInstance } from './instance-protocol.cjs';
import { describeFailure } from './linking.cjs';

const config = workerData as InstanceConfig;
const port = parentPort as NonNullable<typeof parentPort>;
const hc = config.hostCalls;
if (!hc) throw new Error('a serve worker needs the host channel');

interface Slot {
  def: FunctionDef;
  /** The id InvokeService reaches it by. */
  id: string | null;
  instance: Instance;
  /** On the stack: serving a request, possibly waiting on one it invoked. */
  busy: boolean;
}

const byFunction = new Map<number, Slot[]>();
const byId = new Map<string, Slot[]>();
/** Instances that broke and could not be re-instantiated, reported with the next reply. */
const lost: FromInstance['lost'] = [];

const toHost = hostCaller(hc);
const callHost: CallHost = (method, payload) => (method === 'InvokeService' && invokeHere(payload)) || toHost(method, payload);
const ctx: LinkContext = {
  config,
  callHost,
  runtime: hc.workerModule ? (require(hc.workerModule) as HostImportModule).hostImports : {},
};

const idle = (slots: Slot[] | undefined): Slot | undefined => slots?.find((slot) => !slot.busy);

function describe(err: unknown): string {
  if (err instanceof BrokenInstance) return err.message;
  const failure = describeFailure(err);
  return 'message' in failure ? failure.message : String(err);
}

/** What the main thread would do with InvokeService(id, method, param) for an id served here. */
function invokeHere(payload: Uint8Array): { status: number; data: Uint8Array } | null {
  const [id, method, param] = decodeParts(payload);
  const target = partText(id);
  const slot = idle(byId.get(target));
  if (!slot) return null;
  const outcome = run(slot, [['id', target]], param ?? new Uint8Array());
  const failed = 'message' in outcome ? outcome.message : outcome.status >= 400 ? `HTTP ${outcome.status}` : null;
  if (failed === null) return { status: AbiStatus.Ok, data: (outcome as LocalResponse).body };
  logLine(config, slot.def.label, 4, `invoke ${target}/${partText(method)} (in-worker) failed: ${failed}`);
  return { status: AbiStatus.InternalFailure, data: new Uint8Array() };
}

/** One request on one instance; a broken instance is replaced before this returns. */
function run(slot: Slot, headers: HeaderPairs, body: Uint8Array): LocalResponse | { message: string } {
  slot.busy = true;
  try {
    return serveRequest(slot.instance, headers, body);
  } catch (err) {
    // The channel is gone for every instance here: the worker must end (and be replaced).
    if (err instanceof HostCallError) throw err;
    replace(slot);
    return { message: describe(err) };
  } finally {
    slot.busy = false;
  }
}

function replace(slot: Slot): void {
  slot.instance.close();
  try {
    slot.instance = startInstance(slot.def, ctx).instance;
  } catch (err) {
    remove(slot);
    lost.push({ fn: slot.def.fn, message: describe(err) });
  }
}

function add(slot: Slot): void {
  byFunction.set(slot.def.fn, [...(byFunction.get(slot.def.fn) ?? []), slot]);
  if (slot.id !== null) byId.set(slot.id, [...(byId.get(slot.id) ?? []), slot]);
}

function remove(slot: Slot): void {
  const without = (slots: Slot[] | undefined) => (slots ?? []).filter((s) => s !== slot);
  byFunction.set(slot.def.fn, without(byFunction.get(slot.def.fn)));
  if (slot.id !== null) byId.set(slot.id, without(byId.get(slot.id)));
  if (byFunction.get(slot.def.fn)?.length === 0) byFunction.delete(slot.def.fn);
  if (slot.id !== null && byId.get(slot.id)?.length === 0) byId.delete(slot.id);
}

function start(def: FunctionDef): Reply {
  // Once per function and worker: the module is the same for all its instances.
  if (!byFunction.has(def.fn)) checkModule(def, ctx);
  const { instance, moduleId } = startInstance(def, ctx);
  add({ def, id: def.routeId ?? moduleId, instance, busy: false });
  return { type: 'ready', moduleId };
}

function handle(message: Exclude<ToInstance, { type: 'close' }>): Reply {
  switch (message.type) {
    case 'start':
      return start(message.def);
    case 'request': {
      const slot = idle(byFunction.get(message.fn));
      if (!slot) return { type: 'failed', message: 'no instance of this function is left in its worker' };
      const outcome = run(slot, message.headers, message.body);
      return 'message' in outcome ? { type: 'failed', message: outcome.message } : { type: 'response', ...outcome };
    }
    case 'drop':
      for (const slot of (byFunction.get(message.fn) ?? []).slice(0, message.count)) {
        slot.instance.close();
        remove(slot);
      }
      return { type: 'dropped' };
  }
}

port.on('message', (message: ToInstance) => {
  if (message.type === 'close') {
    for (const slots of byFunction.values()) for (const slot of slots) slot.instance.close();
    process.exit(0);
  }
  let reply: Reply;
  let fatal = false;
  try {
    reply = handle(message);
  } catch (err) {
    fatal = err instanceof HostCallError;
    reply = { type: 'failed', message: describe(err) };
  }
  port.postMessage({ ...reply, lost: lost.splice(0) } satisfies FromInstance);
  // A late host reply would land in the middle of another call: the main thread starts a new worker.
  if (fatal) process.exit(1);
});
