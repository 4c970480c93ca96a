/**
 * The host of the wasi:cli/command world, and wasi:keyvalue, wasi:config, wasi:messaging and
 * wasi:http over the runtime API: every interface
 * a component may import, keyed as jco's instantiation glue asks for them (`wasi:io/streams`,
 * versions stripped).
 */
import { cli } from './cli.cjs';
import { clocksAndRandom } from './clocks-random.cjs';
import { config } from './config.cjs';
import { filesystem } from './filesystem.cjs';
import { httpInterfaces } from '../http/interfaces.cjs';
import { InputStream, IoError, OutputStream, Pollable, poll } from './io.cjs';
import { keyvalue } from './keyvalue.cjs';
import { messaging } from './messaging.cjs';
import { Preview1Bridge } from './preview1-bridge.cjs';
import { sockets } from './sockets.cjs';
import type { Preview1Options } from '../../wasi/preview1.cjs';
import type { CallHost } from '../../worker/host-channel.cjs';

export interface HostOptions extends Omit<Preview1Options, 'memory'> {
  /** The run's runtime API (Layotto host calls), when it has one: the application interfaces are served over it. */
  callHost: CallHost | null;
  /** What the component imports, versioned (`wasi:keyvalue/batch@0.2.0-draft2`): drafts differ in shape. */
  componentImports: string[];
}

export interface CommandHost {
  imports: Record<string, Record<string, unknown>>;
  close(): void;
}

export function commandHost(options: HostOptions): CommandHost {
  const p1 = new Preview1Bridge(options);
  return {
    imports: {
      ...cli(p1, options.args, options.env),
      ...clocksAndRandom(),
      ...filesystem(p1),
      ...sockets(),
      ...(options.callHost
        ? {
            ...keyvalue(options.callHost, options.componentImports),
            ...config(options.callHost),
            ...messaging(options.callHost),
            ...httpInterfaces(options.callHost),
          }
        : {}),
      'wasi:io/error': { Error: IoError },
      'wasi:io/poll': { Pollable, poll },
      'wasi:io/streams': { InputStream, OutputStream },
    },
    close: () => p1.close(),
  };
}

/** The interfaces a component imports that `host` does not provide (`wasi:http/types@0.2.0` → by name). */
export function missingInterfaces(imports: string[], host: CommandHost): string[] {
  return imports.filter((name) => !(name.replace(/@[^@/]*$/, '') in host.imports));
}
