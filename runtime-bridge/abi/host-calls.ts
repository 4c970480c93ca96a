import { describeError } from '../../common/index.js';
import type { RuntimeApi } from '../client/api.js';
import type { HostCalls } from '../types.js';
import { workerFile } from '../engine/worker-file.js';
import { type HostCallHandler, layottoHandler } from './layotto-handler.js';
import { LAYOTTO_ABI } from './layotto-imports.cjs';
import { AbiStatus } from './status.cjs';

/** A runtime API the run holds open: the embedded components or a client of a sidecar. */
export interface RuntimeConnection extends RuntimeApi {
  close(): Promise<void> | void;
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
      return layottoHandler(connection, log);
    } catch (err) {
      log(`runtime host calls unavailable: ${describeError(err)}`);
      return async () => ({ status: AbiStatus.InternalFailure, data: new Uint8Array() });
    }
  };
  return {
    hostCalls: {
      imports: Object.keys(LAYOTTO_ABI),
      workerModule: (workerModule ??= workerFile(import.meta.url, './layotto-imports')),
      handle: async (method, payload) => (await (handler ??= open()))(method, payload),
    },
    close: async () => {
      await handler;
      await connection?.close();
    },
  };
}
