import { describeError } from '../../common/index.js';
import type { HostApi, RuntimeApi } from '../client/api.js';
import type { HostCalls } from '../types.js';
import { workerFile } from '../engine/worker-file.js';
import { type HostCallHandler, layottoHandler } from './layotto-handler.js';
import { LAYOTTO_ABI, hostImports } from './layotto-imports.cjs';
import { AbiStatus } from './status.cjs';
import { HostCallError } from '../engine/worker/host-channel.cjs';

/** A runtime API the run holds open: the embedded components or a client of a sidecar. */
export interface RuntimeConnection extends RuntimeApi {
  close(): Promise<void> | void;
  /** The host functions' methods, answered with a value when they need no I/O (the embedded components). */
  readonly atOnce?: HostApi;
  /** True when `method` (a Runtime method's name) is answered by `atOnce` without I/O. */
  answersAtOnce?(method: string): boolean;
}

/** Taken at first use: the CLI's startup snapshot evaluates this module before it knows where it runs from. */
let workerModule: string | undefined;

export interface LayottoHostCalls {
  hostCalls: HostCalls;
  /** Closes the connection if a host call opened one. */
  close(): Promise<void>;
}

/**
 * Layotto's runtime host functions for one run. The connection is opened on the first host call,
 * so a module that makes none never starts an embedded sidecar nor dials an external one.
 * A connection that cannot be opened (unreadable sidecar config, bad address) is the same to the
 * module as a sidecar that is down: every call answers InternalFailure, the user gets one line,
 * and the module's own exit code stands.
 */
export function layottoHostCalls(connect: () => Promise<RuntimeConnection>, log: (line: string) => void): LayottoHostCalls {
  let connection: RuntimeConnection | undefined;
  let handler: Promise<HostCallHandler> | undefined;
  const open = async (): Promise<HostCallHandler> => {
    try {
      connection = await connect();
      return layottoHandler(connection.atOnce ?? connection, log);
    } catch (err) {
      log(`runtime host calls unavailable: ${describeError(err)}`);
      return () => ({ status: AbiStatus.InternalFailure, data: new Uint8Array() });
    }
  };
  return {
    hostCalls: {
      imports: Object.keys(LAYOTTO_ABI),
      workerModule: (workerModule ??= workerFile(import.meta.url, './layotto-imports')),
      handle: async (method, payload) => (await (handler ??= open()))(method, payload),
      answerNow: async (imports) => {
        const answer = await (handler ??= open());
        // No connection: the connect failed, and every call answers InternalFailure at once.
        const atOnce = (name: string) => !connection || connection.answersAtOnce?.(LAYOTTO_ABI[name]?.method ?? '') === true;
        if (!imports.every(atOnce)) return null;
        return {
          answer: (method, payload) => {
            const reply = answer(method, payload);
            if (reply instanceof Promise)
              throw new HostCallError(`host call ${method} needs I/O, which a module on this thread cannot wait for`, 'Internal');
            return reply;
          },
          hostImports,
        };
      },
    },
    close: async () => {
      await handler;
      await connection?.close();
    },
  };
}
