/**
 * WASI 0.2 components for the tests, made by jco (npm `@bytecodealliance/jco`) as a user makes
 * them: a C test module adapted with the preview 1 command adapter jco ships, a component
 * written in WAT, or a JavaScript guest through componentize-js.
 */
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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

/** The WASI 0.2.12 WIT packages jco ships, which a guest's world refers to. */
const WASI_WIT = join(REPO, 'node_modules/@bytecodealliance/jco/lib/wit/builtin/0.2.12');

/**
 * A JavaScript guest (`guestDir/source`) componentized by componentize-js (StarlingMonkey inside, ~12 MB), its world
 * in `guestDir/wit` with the WASI packages added as deps. Through its API rather than `jco
 * componentize`: with preview2-shim 0.26 the CLI gives the WIT resolver no preopen, so it cannot
 * read the WIT files; the API runs after we give the shim `/`.
 */
export async function componentizeJs(guestDir: string, world: string, out: string, source = 'app.js'): Promise<string> {
  const wit = await mkdtemp(join(tmpdir(), 'wasmctl-wit-'));
  try {
    await cp(join(guestDir, 'wit'), wit, { recursive: true });
    for (const pkg of await readdir(WASI_WIT)) await cp(join(WASI_WIT, pkg), join(wit, 'deps', pkg), { recursive: true });
    // Typed from the shim's browser build (in-memory files); on Node it maps guest paths to host paths.
    const { _setPreopens } = (await import('@bytecodealliance/preview2-shim/filesystem')) as unknown as {
      _setPreopens(p: Record<string, string>): void;
    };
    _setPreopens({ '/': '/' });
    const { componentize } = await import('@bytecodealliance/componentize-js');
    const { component } = await componentize({
      sourcePath: join(guestDir, source),
      witPath: wit,
      worldName: world,
      disableFeatures: ['http', 'fetch-event'],
    });
    await writeFile(out, component);
    return out;
  } finally {
    await rm(wit, { recursive: true, force: true });
  }
}
