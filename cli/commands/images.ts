import type { Command } from 'commander';
import { z } from 'zod';
import { WasmctlError } from '../../common/index.js';
import type { StoredImage } from '../../api/index.js';
import { formatBytes, printJson, printTable } from '../output.js';
import { storeRoot } from '../store-root.js';
import { parseOptions } from '../options.js';

const OptionsSchema = z.object({ json: z.boolean().optional(), quiet: z.boolean().optional(), format: z.string().optional() });

type Row = Record<'Repository' | 'Tag' | 'Digest' | 'ID' | 'Size' | 'CreatedAt', string>;

/** docker's `--format` Go templates, the field references only: `{{.Repository}}:{{.Tag}}`. */
function formatRow(template: string, row: Row): string {
  return template.replace(/\\t/g, '\t').replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_all, field: string) => {
    if (!(field in row))
      throw new WasmctlError('InvalidArgument', `--format: unknown field .${field}`, {
        hint: `fields: ${Object.keys(row)
          .map((k) => `.${k}`)
          .join(' ')}`,
      });
    return row[field as keyof Row];
  });
}

export function configure(command: Command): Command {
  return command
    .description('List the images in the store')
    .option('-q, --quiet', 'only the digests, one per image')
    .option('--format <format>', "'json' (one object per line), or a template such as '{{.Repository}}:{{.Tag}}'")
    .option('--json', 'a JSON array of the stored images')
    .addHelpText(
      'after',
      '\nTemplate fields: .Repository .Tag .Digest .ID .Size .CreatedAt\n\nExamples:\n' +
        '  wasmctl images\n' +
        "  wasmctl images --format '{{.Repository}}:{{.Tag}}'\n" +
        '  wasmctl rmi $(wasmctl images -q)',
    )
    .action(async (raw: unknown, cmd: Command) => {
      const options = parseOptions(OptionsSchema, raw);
      const { displayName } = await import('../../image/index.js');
      const { openStore } = await import('../../api/index.js');
      const images = await openStore(storeRoot(cmd)).list();
      if (options.json) return printJson(images);
      if (options.quiet) return void process.stdout.write([...new Set(images.map((i) => `${i.digest}\n`))].join(''));
      const rows = images.map((image: StoredImage): Row => {
        const { repository, tag } = displayName(image.reference);
        return {
          Repository: repository,
          Tag: tag,
          Digest: image.digest,
          ID: image.digest.slice('sha256:'.length, 'sha256:'.length + 12),
          Size: formatBytes(image.size),
          CreatedAt: image.created ?? '',
        };
      });
      if (options.format === 'json') return void process.stdout.write(images.map((i) => `${JSON.stringify(i)}\n`).join(''));
      if (options.format !== undefined) {
        return void process.stdout.write(rows.map((row) => `${formatRow(options.format as string, row)}\n`).join(''));
      }
      printTable(
        ['REPOSITORY', 'TAG', 'DIGEST', 'SIZE', 'CREATED'],
        rows.map((r) => [r.Repository, r.Tag, r.Digest.slice(0, 19), r.Size, r.CreatedAt]),
      );
    });
}

export const register = (program: Command): void => void configure(program.command('images'));
