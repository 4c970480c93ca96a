import type { Command } from 'commander';
import { z } from 'zod';
import { printJson } from '../output.js';
import { storeRoot } from '../store-root.js';
import { parseOptions } from '../options.js';
import { wasmctlVersion, wasmerVersion } from '../version-info.js';

const OptionsSchema = z.object({ json: z.boolean().optional() });

/** What `docker version` shows of its client: the tool's version, its runtime, its engines, where it keeps images. */
export function register(program: Command): void {
  program
    .command('version')
    .description("Show wasmctl's version, Node's, the WASI engines and the image store's folder")
    .option('--json', 'the same as one JSON object')
    .action((raw: unknown, cmd: Command) => {
      const options = parseOptions(OptionsSchema, raw);
      const facts = {
        version: wasmctlVersion(),
        node: process.version,
        platform: `${process.platform}/${process.arch}`,
        engines: { wasmctl: 'sandboxed WASI preview 1, the default', wasmer: `@wasmer/wasi ${wasmerVersion()}` },
        store: storeRoot(cmd),
      };
      if (options.json) return printJson(facts);
      process.stdout.write(
        `wasmctl:  ${facts.version}\nNode:     ${facts.node} (${facts.platform})\n` +
          `Engines:  wasmctl (${facts.engines.wasmctl}), wasmer (${facts.engines.wasmer})\nStore:    ${facts.store}\n`,
      );
    });
}
