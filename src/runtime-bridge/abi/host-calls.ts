import type { RuntimeApi } from '../client/api.js';
import type { HostCalls } from '../types.js';
import { workerFile } from '../engine/worker-file.js';
import { layottoHandler } from './layotto-handler.js';
import { LAYOTTO_ABI } from './layotto-imports.cjs';

/** A runtime API the run holds open: the embedded components or a client of a sidecar. */
export interface RuntimeConnection extends RuntimeApi {
  close(): Promise<void> | void;
}

const WORKER_MODULE = workerFile(import.meta.url, './layotto-imports');

export interface LayottoHostCalls {
  hostCalls: HostCalls;
  /** Closes the connection if a host call opened one. */
  close(): Promise<void>;
}

/**
 * Layotto's runtime host functions for one run. The connection is opened on the first host call,
 * so a module that makes none never starts an embedded sidecar nor dials an external one.
 */
export function layottoHostCalls(connect: () => Promise<RuntimeConnection>, log: (line: string) => void): LayottoHostCalls {
  let connection: Promise<RuntimeConnection> | undefined;
  let handle: ReturnType<typeof layottoHandler> | undefined;
  return {
    hostCalls: {
      imports: Object.keys(LAYOTTO_ABI),
      workerModule: WORKER_MODULE,
      handle: async (method, payload) => {
        connection ??= connect();
        handle ??= layottoHandler(await connection, log);
        return handle(method, payload);
      },
    },
    close: async () => {
      if (connection) await (await connection).close();
    },
  };
}
