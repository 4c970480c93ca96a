/**
 * WASI 0.2 components for the tests, made by jco (npm `@bytecodealliance/jco`) as a user makes
 * them: a C test module adapted with the preview 1 command adapter jco ships, or a component
 * written in WAT.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { REPO } from './repo.js';

const JCO = join(REPO, 'node_modules/.bin/jco');

/** `jco new MODULE --wasi-command -o OUT`: a wasi:cli/command component of a preview 1 module. */
export async function componentize(modulePath: string, out: string): Promise<string> {
  await execa(JCO, ['new', modulePath, '--wasi-command', '-o', out]);
  return out;
}

/** `jco parse` of a component in the text format. */
export async function componentFromWat(wat: string, out: string): Promise<string> {
  await writeFile(`${out}.wat`, wat);
  await execa(JCO, ['parse', `${out}.wat`, '-o', out]);
  return out;
}
