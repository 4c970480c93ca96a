import { posix } from 'node:path';
import { WasmctlError } from '../../common/index.js';
import type { Instruction } from './dockerfile.js';
import { shellWord, shellWords } from './expand.js';
import { FileTree } from './file-tree.js';
import type { HistoryEntry, Platform, RunConfig } from './image-doc.js';
import type { Blob, LayerBlob } from './layer.js';

/** A layer a stage carries: one it wrote, or one of its base image's (a blob in the store). */
export type StageLayer = (LayerBlob & { from?: undefined }) | (Blob & { diffId: string; from: string });

/** Everything a stage has built so far. */
export interface StageState {
  platform: Platform;
  config: RunConfig;
  author?: string;
  /** Written in the background: a layer compresses on the thread pool while the next steps run. */
  layers: Array<Promise<StageLayer>>;
  history: HistoryEntry[];
  tree: FileTree;
  /** ARGs declared in this stage, with their values. */
  args: Map<string, string>;
  /** Whether this stage set CMD itself (ENTRYPOINT clears an inherited CMD, as docker does). */
  cmdSet: boolean;
}

export function cloneState(state: StageState): StageState {
  const tree = new FileTree();
  for (const [p, n] of state.tree.nodes) tree.set(p, n);
  return {
    ...state,
    config: structuredClone(state.config),
    layers: [...state.layers],
    history: [...state.history],
    tree,
    args: new Map(),
    cmdSet: false,
  };
}

/** The variables an instruction sees: its stage's ARGs, overridden by ENV. */
export function variables(state: StageState): Map<string, string> {
  const vars = new Map(state.args);
  for (const entry of state.config.Env ?? []) {
    const eq = entry.indexOf('=');
    if (eq > 0) vars.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return vars;
}

export const workdirOf = (state: StageState): string => state.config.WorkingDir || '/';

function execForm(step: Instruction): string[] {
  if (step.json) return step.json;
  const words = step.args.split(/\s+/).filter(Boolean);
  throw new WasmctlError(
    'InvalidArgument',
    `${step.where}: ${step.keyword} ${step.args}: the shell form needs /bin/sh, which a Wasm image does not have`,
    {
      hint: `use the exec form: ${step.keyword} ${JSON.stringify(words)}`,
    },
  );
}

/** `ARG NAME[=default]`: a --build-arg wins, then the default, then the global ARG of that name. */
export function declareArg(
  step: Instruction,
  vars: ReadonlyMap<string, string>,
  escape: string,
  buildArgs: ReadonlyMap<string, string>,
  globals: ReadonlyMap<string, string>,
  into: Map<string, string>,
): void {
  for (const [name, raw] of step.properties) {
    const fallback = raw === undefined ? globals.get(name) : shellWord(raw, vars, escape, step.where);
    const value = buildArgs.get(name) ?? fallback;
    if (value !== undefined) into.set(name, value);
  }
}

/**
 * The instructions that only change the config: ENV, LABEL, CMD, ENTRYPOINT, USER, EXPOSE,
 * STOPSIGNAL, VOLUME, MAINTAINER. Returns the history's created_by, as BuildKit words it.
 */
export function applyConfigStep(step: Instruction, state: StageState, escape: string): string {
  const vars = variables(state);
  const word = (raw: string) => shellWord(raw, vars, escape, step.where);
  const words = () => (step.json ?? shellWords(step.args, vars, escape, step.where)).map((w) => (step.json ? word(w) : w));
  const { config } = state;
  switch (step.keyword) {
    case 'ENV': {
      const env = new Map((config.Env ?? []).map((e) => [e.slice(0, e.indexOf('=')), e] as const));
      const pairs = step.properties.map(([name, raw]) => `${name}=${word(raw ?? '')}`);
      for (const pair of pairs) env.set(pair.slice(0, pair.indexOf('=')), pair);
      config.Env = [...env.values()];
      return `ENV ${pairs.join(' ')}`;
    }
    case 'LABEL': {
      const pairs = step.properties.map(([name, raw]) => [word(name), word(raw ?? '')] as const);
      config.Labels = { ...config.Labels, ...Object.fromEntries(pairs) };
      return `LABEL ${pairs.map(([k, v]) => `${k}=${v}`).join(' ')}`;
    }
    case 'CMD':
      config.Cmd = execForm(step);
      state.cmdSet = true;
      return `CMD ${JSON.stringify(config.Cmd)}`;
    case 'ENTRYPOINT':
      config.Entrypoint = execForm(step);
      if (!state.cmdSet) delete config.Cmd;
      return `ENTRYPOINT ${JSON.stringify(config.Entrypoint)}`;
    case 'USER':
      config.User = word(step.args);
      return `USER ${config.User}`;
    case 'STOPSIGNAL':
      config.StopSignal = word(step.args);
      return `STOPSIGNAL ${config.StopSignal}`;
    case 'EXPOSE': {
      const ports = words().map((p) => (p.includes('/') ? p.toLowerCase() : `${p}/tcp`));
      for (const p of ports) {
        if (!/^\d+(-\d+)?\/(tcp|udp|sctp)$/.test(p))
          throw new WasmctlError('InvalidArgument', `${step.where}: EXPOSE ${p}: not a port[/tcp|udp|sctp]`);
      }
      config.ExposedPorts = { ...config.ExposedPorts, ...Object.fromEntries(ports.map((p) => [p, {}])) };
      return `EXPOSE map[${ports.map((p) => `${p}:{}`).join(' ')}]`;
    }
    case 'VOLUME': {
      const volumes = words();
      config.Volumes = { ...config.Volumes, ...Object.fromEntries(volumes.map((v) => [v, {}])) };
      return `VOLUME ${JSON.stringify(volumes)}`;
    }
    case 'MAINTAINER':
      state.author = word(step.args);
      return `MAINTAINER ${state.author}`;
    default:
      throw new WasmctlError('Internal', `${step.where}: ${step.keyword} is not a config instruction`);
  }
}

/** WORKDIR: relative to the previous one; the folder is made (a layer) when the stage lacks it. */
export function applyWorkdir(step: Instruction, state: StageState, escape: string): string | undefined {
  const dir = shellWord(step.args, variables(state), escape, step.where);
  const absolute = posix.normalize(posix.join('/', dir.startsWith('/') ? '' : workdirOf(state), dir));
  state.config.WorkingDir = absolute;
  const rel = absolute.slice(1);
  return rel === '' || state.tree.get(rel)?.type === 'dir' ? undefined : rel;
}
