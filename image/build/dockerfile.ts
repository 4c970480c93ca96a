/**
 * The Dockerfile as stages of instructions, through dockerfile-ast (the parser of VS Code's Docker
 * language server): it handles comments, line continuations and the `# escape=` directive. Its
 * JSON-form arrays drop spaces inside strings, so the exec form is read here with JSON.parse of the
 * argument text, as BuildKit does; words and values go through our lexer (expand.ts) because
 * variables are expanded only when the build reaches an instruction (`--build-arg`, ENV order).
 */
import { DockerfileParser, type Instruction as AstInstruction, type ModifiableInstruction, type PropertyInstruction } from 'dockerfile-ast';
import { WasmctlError } from '../../common/index.js';

export interface Instruction {
  /** `Dockerfile:3`, for errors. */
  where: string;
  keyword: string;
  /** The arguments after any `--flag`s, continuations joined, unexpanded. */
  args: string;
  flags: Map<string, string>;
  /** The exec form (`["a", "b"]`), when the arguments are a JSON array of strings. */
  json: string[] | undefined;
  /** `NAME=value` pairs of ENV, LABEL and ARG, values raw (quotes kept) and undefined for a bare `ARG NAME`. */
  properties: Array<[string, string | undefined]>;
}

export interface Stage {
  from: Instruction;
  /** `AS name`, lower-cased as docker compares it. */
  name: string | undefined;
  steps: Instruction[];
}

export interface Dockerfile {
  escape: string;
  /** ARGs before the first FROM: usable in FROM lines, and in a stage after a bare `ARG NAME`. */
  globalArgs: Instruction[];
  stages: Stage[];
}

const RECORDED = new Set([
  'COPY',
  'ADD',
  'ARG',
  'ENV',
  'LABEL',
  'WORKDIR',
  'ENTRYPOINT',
  'CMD',
  'USER',
  'EXPOSE',
  'STOPSIGNAL',
  'VOLUME',
  'MAINTAINER',
]);
const WHY_NOT: Record<string, string> = {
  RUN: 'RUN is not supported: a Wasm image has no shell or OS to run commands in; build the module outside (e.g. in build.sh) and COPY it',
  SHELL: 'SHELL is not supported: a Wasm image has no shell',
  HEALTHCHECK: 'HEALTHCHECK is not supported: it runs a command inside the image, which has no shell',
  ONBUILD: 'ONBUILD is not supported: its triggers would run in images that cannot run them',
};

function execForm(args: string): string[] | undefined {
  if (!args.trimStart().startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((s) => typeof s === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function toInstruction(ast: AstInstruction, file: string): Instruction {
  const where = `${file}:${ast.getRange().start.line + 1}`;
  const keyword = ast.getKeyword().toUpperCase();
  const flags = new Map<string, string>();
  if ('getFlags' in ast) {
    for (const flag of (ast as ModifiableInstruction).getFlags()) flags.set(flag.getName().toLowerCase(), flag.getValue() ?? '');
  }
  const args = (ast.getArgumentsContent() ?? '').trim();
  const properties: Array<[string, string | undefined]> =
    'getProperties' in ast && ['ENV', 'LABEL', 'ARG'].includes(keyword)
      ? (ast as PropertyInstruction).getProperties().map((p) => [p.getName(), p.getValue() ?? undefined])
      : [];
  return { where, keyword, args, flags, json: execForm(args), properties };
}

export function parseDockerfile(text: string, file: string): Dockerfile {
  const ast = DockerfileParser.parse(text);
  const dockerfile: Dockerfile = { escape: ast.getEscapeCharacter(), globalArgs: [], stages: [] };
  for (const node of ast.getInstructions()) {
    const instruction = toInstruction(node, file);
    const { keyword, where } = instruction;
    const refused = WHY_NOT[keyword];
    if (refused) throw new WasmctlError('InvalidArgument', `${where}: ${refused}`);
    const current = dockerfile.stages.at(-1);
    if (keyword === 'FROM') {
      const words = instruction.args.split(/\s+/);
      if (words.length !== 1 && !(words.length === 3 && words[1]?.toLowerCase() === 'as')) {
        throw new WasmctlError('InvalidArgument', `${where}: FROM takes an image and an optional "AS name"`);
      }
      dockerfile.stages.push({ from: instruction, name: words[2]?.toLowerCase(), steps: [] });
    } else if (!RECORDED.has(keyword)) {
      throw new WasmctlError('InvalidArgument', `${where}: unknown instruction ${node.getInstruction()}`);
    } else if (current) {
      current.steps.push(instruction);
    } else if (keyword === 'ARG') {
      dockerfile.globalArgs.push(instruction);
    } else {
      throw new WasmctlError('InvalidArgument', `${where}: ${keyword} before the first FROM (only ARG may come first)`);
    }
  }
  if (dockerfile.stages.length === 0) throw new WasmctlError('InvalidArgument', `${file}: no FROM instruction`);
  return dockerfile;
}
