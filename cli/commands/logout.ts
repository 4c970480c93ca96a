import type { Command } from 'commander';
import { domainOf } from './login.js';

export function register(program: Command): void {
  program
    .command('logout')
    .description("Remove a registry's credentials from docker's config.json (and its credential helper)")
    .argument('[server]', 'registry host (default: Docker Hub)')
    .action(async (server: string | undefined) => {
      const { registryLogout } = await import('../../image/index.js');
      const domain = domainOf(server);
      const removed = await registryLogout(domain);
      process.stdout.write(removed ? `Removed login credentials for ${domain}\n` : `Not logged in to ${domain}\n`);
    });
}
