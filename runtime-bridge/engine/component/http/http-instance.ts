/**
 * One warm wasi:http/proxy component instance in a Worker of its own: start it, hand it a request,
 * get its response, kill it. This is the "second kind of instance" a gateway schedules beside
 * proxy-wasm ones: a trap or a timeout kills the instance (the caller starts another), as a
 * component instance that trapped must not be entered again.
 */
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import { ExitCode, WasmctlError } from '../../../../common/index.js';
import type { HostCalls } from '../../../types.js';
import type { HostServer } from '../../host-server.js';
import { workerBoot, workerFile } from '../../worker-file.js';
import type { ComponentPayload } from '../payload.cjs';
import type { FromHttpWorker, HttpStart } from './protocol.cjs';
import type { HttpRequest, HttpResponse } from './types.cjs';

export type { HttpRequest, HttpResponse } from './types.cjs';

export interface HttpComponentOptions {
  /** Names the component in errors (its file or image). */
  label: string;
  args: string[];
  env: string[];
  rootfs: string | null;
  /** Longest a request may take; the instance is killed past it. */
  timeoutMs?: number;
  /** The runtime API its wasi:keyvalue, wasi:config and wasi:messaging imports reach. */
  hostCalls?: HostCalls;
}

export class HttpComponentInstance {
  private busy = false;
  private dead = false;
  private endWith: (why: string) => void = () => undefined;
  /** Resolves once it has ended (killed, trapped, timed out, its worker gone), with why. */
  readonly ended = new Promise<string>((resolve) => (this.endWith = resolve));

  private constructor(
    private readonly worker: Worker,
    private readonly options: HttpComponentOptions,
    private readonly hostServer: HostServer | null,
  ) {
    worker.once('exit', () => this.kill('its worker ended'));
  }

  /** Resolves once the component is linked and ready for requests; rejects (125) when it cannot be. */
  static async start(component: ComponentPayload, options: HttpComponentOptions): Promise<HttpComponentInstance> {
    const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
    const worker = new Worker(workerBoot(workerFile(import.meta.url, './http-worker')), { eval: true });
    const server = options.hostCalls ? (await import('../../host-server.js')).serveHostCalls(options.hostCalls) : null;
    const hostCalls = server && {
      sab: server.sab,
      port: server.workerPort,
      wakePort: server.workerWakePort,
      deadlineMs: server.deadlineMs,
    };
    const start: HttpStart = { component, args: options.args, env: options.env, rootfs: options.rootfs, hostCalls };
    worker.postMessage(start, server ? [server.workerPort, server.workerWakePort] : []);
    // Starting counts against the timeout too: a component may loop in its own initialisation.
    let timer: NodeJS.Timeout | undefined;
    const first = await new Promise<FromHttpWorker>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      if (options.timeoutMs !== undefined) {
        const ms = options.timeoutMs;
        timer = setTimeout(() => resolve({ type: 'failed', message: `its start exceeded the timeout of ${ms} ms` }), ms);
      }
    })
      .catch((err: unknown) => ({ type: 'failed', message: String(err) }) as const)
      .finally(() => clearTimeout(timer));
    if (first.type !== 'ready') {
      server?.stop();
      void worker.terminate();
      const message = first.type === 'failed' || first.type === 'trapped' ? first.message : 'it answered before a request';
      throw new WasmctlError('FailedPrecondition', `${options.label}: ${message}`, { exitCode: ExitCode.TOOL_FAILURE });
    }
    return new HttpComponentInstance(worker, options, server);
  }

  /** Whether it can take a request (not killed, not lost to a trap or timeout). */
  get alive(): boolean {
    return !this.dead;
  }

  /** The component's answer. A trap or timeout rejects and leaves the instance dead. */
  handle(request: HttpRequest): Promise<HttpResponse> {
    if (this.dead) return Promise.reject(new WasmctlError('Unavailable', `${this.options.label}: the instance is gone`));
    if (this.busy) return Promise.reject(new Error('an HTTP component instance takes one request at a time'));
    this.busy = true;
    return new Promise<HttpResponse>((resolve, reject) => {
      const { timeoutMs } = this.options;
      const fail = (err: WasmctlError) => {
        this.kill(err.message);
        reject(err);
      };
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(
              () => fail(new WasmctlError('DeadlineExceeded', `${this.options.label} exceeded its timeout of ${timeoutMs} ms`)),
              timeoutMs,
            );
      const done = (): void => {
        clearTimeout(timer);
        this.busy = false;
        this.worker.off('message', onMessage);
        this.worker.off('exit', onExit);
      };
      const onMessage = (message: FromHttpWorker) => {
        done();
        if (message.type === 'response') resolve(message.response);
        else fail(new WasmctlError('Internal', `${this.options.label}: ${message.type === 'ready' ? 'no response' : message.message}`));
      };
      const onExit = () => {
        done();
        reject(new WasmctlError('Unavailable', `${this.options.label}: the instance ended`));
      };
      this.worker.on('message', onMessage);
      this.worker.once('exit', onExit);
      this.worker.postMessage(request);
    });
  }

  /** Ends it now, whatever it is doing. */
  kill(why = 'killed'): void {
    if (this.dead) return;
    this.dead = true;
    this.endWith(why);
    this.hostServer?.stop();
    void this.worker.terminate();
  }
}
