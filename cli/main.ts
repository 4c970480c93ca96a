import { createProgram } from './program.js';
import { runCommand } from './output.js';

await runCommand(() => createProgram().parseAsync(process.argv));
