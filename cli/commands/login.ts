import type { Command } from 'commander';
import { z } from 'zod';
import { WasmctlError } from '../../common/index.js';
import { parseOptions } from '../options.js';

const OptionsSchema = z.object({
  username: z.string().min(1),
  password: z.string().optional(),
  passwordStdin: z.boolean().optional(),
  plainHttp: z.boolean().optional(),
});

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** The registry host as docker keys it: `docker.io` for Docker Hub, else host[:port] without a scheme. */
export const domainOf = (server: string | undefined): string => {
  const host = (server ?? 'docker.io').replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '');
  return ['index.docker.io', 'registry-1.docker.io'].includes(host) ? 'docker.io' : host;
};

export function register(program: Command): void {
  program
    .command('login')
    .description("Check credentials against a registry and store them in docker's config.json (or its credential helper)")
    .argument('[server]', 'registry host, e.g. 127.0.0.1:5000 (default: Docker Hub)')
    .requiredOption('-u, --username <name>', 'user name')
    .option('-p, --password <password>', 'password (prefer --password-stdin: a flag shows in ps and shell history)')
    .option('--password-stdin', 'read the password from stdin')
    .option('--plain-http', 'use HTTP instead of HTTPS (automatic for localhost, 127.0.0.1 and ::1)')
    .addHelpText('after', '\nExamples:\n  echo "$PASSWORD" | wasmctl login 127.0.0.1:5000 -u alice --password-stdin')
    .action(async (server: string | undefined, raw: unknown) => {
      const options = parseOptions(OptionsSchema, raw);
      if (options.password !== undefined && options.passwordStdin)
        throw new WasmctlError('InvalidArgument', '--password and --password-stdin are exclusive');
      const password = options.passwordStdin ? await readStdin() : options.password;
      if (!password) throw new WasmctlError('InvalidArgument', 'no password given', { hint: 'use --password-stdin' });
      const { registryLogin } = await import('../../image/index.js');
      const domain = domainOf(server);
      const path = await registryLogin(domain, { username: options.username, password }, { plainHttp: options.plainHttp ?? false });
      process.stdout.write(`Login Succeeded (credentials for ${domain} in ${path})\n`);
    });
}
