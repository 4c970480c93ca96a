/** wasi:cli (environment, exit, stdio, terminal-*) as `wasmctl run` gives a module its process. */
import { ProcExit } from '../../wasi/preview1.cjs';
import { InputStream, OutputStream, writeAll } from './io.cjs';
import type { Preview1Bridge } from './preview1-bridge.cjs';

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;

/** No stdio is a terminal to a sandboxed component (wasmtime answers the same for pipes). */
class TerminalInput {}
class TerminalOutput {}
const noTerminal = (): undefined => undefined;

function pair(entry: string): [string, string] {
  const eq = entry.indexOf('=');
  return [entry.slice(0, eq), entry.slice(eq + 1)];
}

export function cli(p1: Preview1Bridge, args: string[], env: string[]) {
  const output = (fd: number) => (): OutputStream => new OutputStream(writeAll((data) => p1.write(fd, data, null)));
  return {
    'wasi:cli/environment': {
      getEnvironment: (): Array<[string, string]> => env.map(pair),
      getArguments: (): string[] => [...args],
      initialCwd: noTerminal,
    },
    'wasi:cli/exit': {
      exit(status: { tag: 'ok' | 'err' }): never {
        throw new ProcExit(status.tag === 'ok' ? 0 : 1);
      },
      exitWithCode(code: number): never {
        throw new ProcExit(code);
      },
    },
    'wasi:cli/stdin': { getStdin: (): InputStream => new InputStream((len) => p1.read(STDIN, len, null)) },
    'wasi:cli/stdout': { getStdout: output(STDOUT) },
    'wasi:cli/stderr': { getStderr: output(STDERR) },
    'wasi:cli/terminal-input': { TerminalInput },
    'wasi:cli/terminal-output': { TerminalOutput },
    'wasi:cli/terminal-stdin': { getTerminalStdin: noTerminal },
    'wasi:cli/terminal-stdout': { getTerminalStdout: noTerminal },
    'wasi:cli/terminal-stderr': { getTerminalStderr: noTerminal },
  };
}
