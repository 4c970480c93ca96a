import type { Command } from 'commander';

/** Each command file exports one `register`; adding a command is one line here. */
const commands: Array<(program: Command) => void> = [];

export function registerCommands(program: Command): void {
  for (const register of commands) register(program);
}
