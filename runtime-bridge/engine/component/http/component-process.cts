/**
 * The wasi:http/proxy kind of a serve instance process (worker/instance-process.cts hands its
 * channel over when serve starts it with a component): compiles the component's core modules,
 * links it once, then for each `http` request calls its exported wasi:http/incoming-handler.handle
 * with the request and a response-outparam, and answers what it set there. A trap breaks only the
 * instance (a trapped component instance must not be entered again): a fresh one is linked in
 * its place before the failure is answered, as the proxy-wasm kind does.
 */
import * as fs from 'node:fs';
import type { CallHost } from '../../worker/host-channel.cjs';
import type { FromInstance, ToInstance } from '../../worker/instance-protocol.cjs';
import { describeFailure } from '../../worker/linking.cjs';
import { commandHost, missingInterfaces, type CommandHost } from '../host/index.cjs';
import { asV8Trap, exportOf, linkComponent } from '../link.cjs';
import type { ComponentPayload, ComponentSource } from '../payload.cjs';
import { IncomingRequest, ResponseOutparam, type HttpRequest } from './types.cjs';

/** A wasi:http/proxy component as an instance is made from. */
export interface ComponentDef {
  component: ComponentSource;
  /** Names the function in messages. */
  label: string;
  /** The image's rootfs its wasi:filesystem sees, null for a bare file. */
  rootfs: string | null;
  args: string[];
  env: string[];
}

/** The instance process's side of its fd 3 (blocking reads and writes). */
export interface Channel {
  read(): ToInstance;
  write(message: FromInstance): void;
  callHost: CallHost;
}

type Handler = { handle(request: IncomingRequest, out: ResponseOutparam): void };

const why = (err: unknown): string => {
  const result = describeFailure(asV8Trap(err));
  return result.type === 'exited' ? `the component exited (${result.exitCode})` : result.message;
};

function answer(handler: Handler, request: HttpRequest): FromInstance {
  const out = new ResponseOutparam();
  try {
    handler.handle(new IncomingRequest(request), out);
  } catch (err) {
    return { type: 'failed', message: why(err), lost: false };
  }
  if (out.result === null) return { type: 'failed', message: 'the component returned without setting a response', lost: false };
  if (out.result.tag === 'err') return { type: 'failed', message: `the component answered the error ${out.result.val.tag}`, lost: false };
  return { type: 'response', ...out.result.val.toResponse() };
}

class Linked {
  private constructor(
    readonly handler: Handler,
    private readonly host: CommandHost,
  ) {}

  static link(component: ComponentPayload, def: ComponentDef, callHost: CallHost): Linked {
    const stdio = { stdin: null, stdout: 2, stderr: 2 };
    const { args, env, rootfs } = def;
    const host = commandHost({ args, env, rootfs, mounts: [], stdio, nofile: null, callHost, componentImports: component.imports });
    try {
      const missing = missingInterfaces(component.imports, host);
      if (missing.length > 0) throw new Error(`component imports ${missing.join(', ')}, which wasmctl serve does not provide`);
      const handler = exportOf<Handler>(linkComponent(component, host.imports), 'wasi:http/incoming-handler');
      if (!handler) throw new Error('the component exports no wasi:http/incoming-handler: it is not a wasi:http/proxy component');
      return new Linked(handler, host);
    } catch (err) {
      host.close();
      throw err;
    }
  }

  close(): void {
    this.host.close();
  }
}

/** Serves `def` over `channel` until serve goes (its end of the socket closes) or kills it. */
export function serveComponent(def: ComponentDef, { read, write, callHost }: Channel): never {
  let component: ComponentPayload;
  let linked: Linked;
  try {
    const modules = Object.entries(def.component.modules).map(
      ([name, file]) => [name, new WebAssembly.Module(fs.readFileSync(file))] as const,
    );
    component = { ...def.component, modules: Object.fromEntries(modules) };
    linked = Linked.link(component, def, callHost);
  } catch (err) {
    write({ type: 'failed', message: why(err), lost: true });
    process.exit(1);
  }
  write({ type: 'ready', moduleId: null });
  for (;;) {
    const message = read();
    if (message.type !== 'http') throw new Error(`a component instance process cannot handle ${message.type}`);
    const result = answer(linked.handler, message.request);
    if (result.type === 'failed') {
      linked.close();
      try {
        linked = Linked.link(component, def, callHost);
      } catch (restart) {
        write({ type: 'failed', message: `${result.message}; a new instance failed: ${why(restart)}`, lost: true });
        process.exit(1);
      }
    }
    write(result);
  }
}
