import { registerCommands } from './commands/index.js';
import { createProgram } from './program.js';
import { runCommand } from './output.js';

await runCommand(() => createProgram(registerCommands).parseAsync(process.argv));
