import type { Command } from 'commander';
import { register as build } from './build.js';
import { register as image } from './image.js';
import { register as images } from './images.js';
import { register as inspect } from './inspect.js';
import { register as load } from './load.js';
import { register as login } from './login.js';
import { register as logout } from './logout.js';
import { register as pull } from './pull.js';
import { register as push } from './push.js';
import { register as rmi } from './rmi.js';
import { register as save } from './save.js';
import { register as run } from './run.js';
import { register as serve } from './serve.js';
import { register as sidecar } from './sidecar.js';
import { register as tag } from './tag.js';
import { register as version } from './version.js';

/** Each command file exports one `register`; adding a command is one line here. */
const commands: Array<(program: Command) => void> = [
  run,
  build,
  pull,
  push,
  load,
  save,
  tag,
  images,
  inspect,
  rmi,
  image,
  login,
  logout,
  sidecar,
  serve,
  version,
];

export function registerCommands(program: Command): void {
  for (const register of commands) register(program);
}
