import { mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import { WasmctlError } from '../../common/index.js';
import { parseImageJson } from '../blob-copy.js';
import { exists } from '../exists.js';
import { parsePlatform } from '../platform.js';
import { normalizeReference } from '../reference.js';
import type { ImageStore } from '../store.js';
import { ManifestSchema, MediaType } from '../types.js';
import { HostFs } from './context.js';
import { type CopySource, applyCopy, copyFlags } from './copy.js';
import { type Dockerfile, type Instruction, type Stage, parseDockerfile } from './dockerfile.js';
import { shellWord } from './expand.js';
import { FileTree } from './file-tree.js';
import { type LayoutImage, type Platform, copyBlobInto, imageConfig, writeLayout } from './image-doc.js';
import { type LayerCompression, writeLayer } from './layer.js';
import { type StageState, applyConfigStep, applyWorkdir, cloneState, declareArg, variables, workdirOf } from './stage.js';
import { wasmArtifactLayers } from './wasm-format.js';

export interface BuildOptions {
  /** The context folder. */
  context: string;
  /** The Dockerfile's path; default `Dockerfile` (else `Containerfile`) in the context. */
  file?: string;
  tags?: string[];
  buildArgs?: Record<string, string>;
  labels?: Record<string, string>;
  /** `os/arch[/variant]` of a FROM scratch image; default wasi/wasm. */
  platform?: string;
  /** Seconds since the epoch for `created` and every file's mtime; default $SOURCE_DATE_EPOCH, else 0. */
  timestamp?: number;
  compress?: LayerCompression;
  /** `wasm`: the CNCF Wasm OCI artifact (application/wasm layers) instead of tar layers. */
  format?: 'oci' | 'wasm';
  target?: string;
  /** Base images (`FROM image`, `COPY --from=image`) come from the store, pulled when missing. */
  store: ImageStore;
  /** An empty folder the OCI layout is written into. */
  outDir: string;
}

export interface BuildResult extends LayoutImage {
  names: string[];
}

const BaseConfigSchema = z.object({
  author: z.string().optional(),
  config: z.record(z.string(), z.unknown()).nullish(),
  history: z
    .array(
      z.object({
        created: z.string().optional(),
        created_by: z.string().optional(),
        comment: z.string().optional(),
        empty_layer: z.boolean().optional(),
      }),
    )
    .optional(),
  rootfs: z.object({ diff_ids: z.array(z.string()) }),
});

const BUILDKIT = 'buildkit.dockerfile.v0';

async function findDockerfile(context: string, file: string | undefined): Promise<string> {
  if (file) return resolve(file);
  for (const name of ['Dockerfile', 'Containerfile']) if (await exists(join(context, name))) return join(context, name);
  throw new WasmctlError('NotFound', `no Dockerfile or Containerfile in ${context}`, { hint: 'name one with -f' });
}

/** `SOURCE_DATE_EPOCH` as reproducible-builds.org defines it, else the epoch itself. */
function buildTime(timestamp: number | undefined): number {
  if (timestamp !== undefined) return timestamp;
  const fromEnv = process.env.SOURCE_DATE_EPOCH;
  if (fromEnv === undefined || fromEnv === '') return 0;
  if (!/^\d+$/.test(fromEnv)) throw new WasmctlError('InvalidArgument', `SOURCE_DATE_EPOCH=${fromEnv} is not a number of seconds`);
  return Number(fromEnv);
}

const commandText = (step: Instruction) =>
  [step.keyword, ...[...step.flags].map(([k, v]) => `--${k}=${v}`), step.args].filter(Boolean).join(' ');

class Build {
  private readonly states: Array<{ stage: Stage; state: StageState }> = [];
  private readonly globals = new Map<string, string>();
  private readonly buildArgs: Map<string, string>;
  private readonly created: string;
  private readonly mtime: Date;
  private readonly blobDir: string;
  private context: HostFs | undefined;
  private scratch: Promise<string> | undefined;
  /** Where ADD unpacks tars; made at first use, removed by cleanup() once the layers are written. */
  private readonly unpackDir = () => (this.scratch ??= mkdtemp(join(tmpdir(), 'wasmctl-add-')));

  constructor(
    private readonly dockerfile: Dockerfile,
    private readonly options: BuildOptions,
    private readonly platform: Platform,
    seconds: number,
  ) {
    this.buildArgs = new Map(Object.entries(options.buildArgs ?? {}));
    this.created = new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
    this.mtime = new Date(seconds * 1000);
    this.blobDir = join(options.outDir, 'blobs', 'sha256');
    const { os, architecture, variant } = platform;
    const automatic: Record<string, string> = {
      TARGETPLATFORM: [os, architecture, variant].filter(Boolean).join('/'),
      TARGETOS: os,
      TARGETARCH: architecture,
      TARGETVARIANT: variant ?? '',
    };
    for (const [k, v] of Object.entries(automatic)) this.globals.set(k, v);
  }

  async run(): Promise<StageState> {
    const { escape } = this.dockerfile;
    for (const arg of this.dockerfile.globalArgs) declareArg(arg, this.globals, escape, this.buildArgs, new Map(), this.globals);
    const targetIndex = this.targetIndex();
    for (const stage of this.dockerfile.stages.slice(0, targetIndex + 1)) {
      const state = await this.from(stage);
      this.states.push({ stage, state });
      for (const step of stage.steps) await this.step(step, state);
    }
    return (this.states[targetIndex] as { state: StageState }).state;
  }

  async cleanup(): Promise<void> {
    if (this.scratch) await rm(await this.scratch, { recursive: true, force: true });
  }

  private targetIndex(): number {
    const { stages } = this.dockerfile;
    if (!this.options.target) return stages.length - 1;
    const i = stages.findIndex((s) => s.name === this.options.target?.toLowerCase());
    if (i < 0) throw new WasmctlError('InvalidArgument', `no stage named ${this.options.target} in the Dockerfile`);
    return i;
  }

  private async from(stage: Stage): Promise<StageState> {
    const image = shellWord(stage.from.args.split(/\s+/)[0] ?? '', this.globals, this.dockerfile.escape, stage.from.where);
    const earlier = this.states.find((s) => s.stage.name === image.toLowerCase());
    if (earlier) return cloneState(earlier.state);
    const empty: StageState = {
      platform: this.platform,
      config: {},
      layers: [],
      history: [],
      tree: new FileTree(),
      args: new Map(),
      cmdSet: false,
    };
    if (image === 'scratch') return { ...empty, config: { WorkingDir: '/' } };
    return this.baseImage(image, stage.from.where, empty);
  }

  /** A base image from the store (pulled when missing): its layers, config, history and files. */
  private async baseImage(reference: string, where: string, empty: StageState): Promise<StageState> {
    const { store } = this.options;
    const image = await this.resolveImage(reference, where);
    const manifest = parseImageJson(await readFile(store.blobFile(image.digest)), ManifestSchema, `the manifest of ${reference}`);
    if (manifest.config.mediaType === MediaType.wasmConfig) {
      throw new WasmctlError('InvalidArgument', `${where}: ${reference} is a Wasm OCI artifact; FROM needs an image with tar layers`);
    }
    const config = parseImageJson(await readFile(store.blobFile(manifest.config.digest)), BaseConfigSchema, `the config of ${reference}`);
    const tree = new FileTree();
    for (const [path, node] of await HostFs.folder(image.rootfs).walk('')) tree.set(path, node);
    const layers = manifest.layers.map((l, i) =>
      Promise.resolve({
        ...l,
        mediaType: ociLayerType(l.mediaType),
        diffId: config.rootfs.diff_ids[i] as string,
        from: store.blobFile(l.digest),
      }),
    );
    return {
      ...empty,
      platform: this.options.platform ? this.platform : image.platform,
      config: (config.config ?? {}) as StageState['config'],
      ...(config.author ? { author: config.author } : {}),
      layers,
      history: (config.history ?? []).map((h) => ({ created: h.created ?? this.created, created_by: h.created_by ?? '', ...h })),
      tree,
    };
  }

  private resolveImage(reference: string, where: string) {
    return this.options.store
      .resolve(reference, { pull: 'missing', ...(this.options.platform ? { platform: this.options.platform } : {}) })
      .catch((err: unknown) => {
        if (err instanceof WasmctlError)
          throw new WasmctlError(err.kind, `${where}: ${err.message}`, { cause: err, ...(err.hint ? { hint: err.hint } : {}) });
        throw err;
      });
  }

  private async step(step: Instruction, state: StageState): Promise<void> {
    const { escape } = this.dockerfile;
    const history = (createdBy: string, emptyLayer: boolean) =>
      state.history.push({ created: this.created, created_by: createdBy, comment: BUILDKIT, ...(emptyLayer ? { empty_layer: true } : {}) });
    switch (step.keyword) {
      case 'ARG':
        declareArg(step, variables(state), escape, this.buildArgs, this.globals, state.args);
        return void history(commandText(step), true);
      case 'COPY':
      case 'ADD': {
        const source = await this.copySource(step, state);
        const entries = await applyCopy(step, variables(state), escape, source, state.tree, workdirOf(state), this.unpackDir);
        await this.addLayer(state, entries);
        return void history(`${commandText(step)} # buildkit`, false);
      }
      case 'WORKDIR': {
        const created = applyWorkdir(step, state, escape);
        if (!created) return void history(commandText(step), true);
        const node = { type: 'dir' as const, mode: 0o755, uid: 0, gid: 0, size: 0 };
        const parts = created.split('/');
        const entries = parts.map((_, i): [string, typeof node] => [parts.slice(0, i + 1).join('/'), node]);
        for (const [path] of entries) if (!state.tree.get(path)) state.tree.set(path, node);
        await this.addLayer(
          state,
          entries.map(([p]) => [p, state.tree.get(p) ?? node]),
        );
        return void history(commandText(step), false);
      }
      default:
        return void history(applyConfigStep(step, state, escape), true);
    }
  }

  private async addLayer(state: StageState, entries: Parameters<typeof writeLayer>[0]): Promise<void> {
    // The Wasm artifact is made of the final files alone: no tar layers to write on the way.
    if (this.options.format === 'wasm') return;
    const layer = writeLayer(entries, this.mtime, this.options.compress ?? 'gzip', this.blobDir);
    // Awaited when the image is assembled; a failure before then must not be an unhandled rejection.
    layer.catch(() => undefined);
    state.layers.push(layer);
  }

  private async copySource(step: Instruction, state: StageState): Promise<CopySource> {
    const { from } = copyFlags(step, variables(state), this.dockerfile.escape);
    if (from === undefined) {
      this.context ??= await HostFs.context(this.options.context);
      return { fs: this.context, label: 'the build context', isContext: true };
    }
    const byIndex = /^\d+$/.test(from) ? this.states[Number(from)] : undefined;
    const stage = byIndex ?? this.states.find((s) => s.stage.name === from.toLowerCase());
    if (stage) return { fs: stage.state.tree, label: `stage ${from}`, isContext: false };
    if (/^\d+$/.test(from)) throw new WasmctlError('InvalidArgument', `${step.where}: --from=${from}: there is no earlier stage ${from}`);
    const image = await this.resolveImage(from, step.where);
    return { fs: HostFs.folder(image.rootfs), label: `image ${from}`, isContext: false };
  }
}

/** A base image's Docker layer type said the OCI way, so the new manifest is all OCI. */
function ociLayerType(mediaType: string): string {
  if (mediaType === MediaType.dockerLayerGzip) return `${MediaType.ociLayerTar}+gzip`;
  if (mediaType === MediaType.dockerLayerTar) return MediaType.ociLayerTar;
  return mediaType.replace('application/vnd.docker.image.rootfs.diff.tar.zstd', `${MediaType.ociLayerTar}+zstd`);
}

/** Read synchronously, as the build's other small files: an async read is four thread-pool round trips. */
function readDockerfile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new WasmctlError('NotFound', `cannot read ${path}`);
  }
}

/** Builds the Dockerfile into an OCI layout folder (`outDir`); no daemon, no shell, reproducible. */
export async function buildImage(options: BuildOptions): Promise<BuildResult> {
  const path = await findDockerfile(options.context, options.file);
  const text = readDockerfile(path);
  const dockerfile = parseDockerfile(text, basename(path));
  const platform = parsePlatform(options.platform ?? 'wasi/wasm');
  const names = (options.tags ?? []).map(normalizeReference);
  mkdirSync(join(options.outDir, 'blobs', 'sha256'), { recursive: true });
  const seconds = buildTime(options.timestamp);
  const build = new Build(dockerfile, options, platform, seconds);
  try {
    return await assemble(await build.run(), options, names, seconds);
  } finally {
    await build.cleanup();
  }
}

/** The final stage's layers (awaited: they read ADD's unpacked files), config and manifest into the layout. */
async function assemble(state: StageState, options: BuildOptions, names: string[], seconds: number): Promise<BuildResult> {
  if (options.labels && Object.keys(options.labels).length > 0) state.config.Labels = { ...state.config.Labels, ...options.labels };
  const created = new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
  if (options.format === 'wasm') {
    const { config, layers } = await wasmArtifactLayers(state, created, options.outDir);
    return { ...(await writeLayout(options.outDir, { bytes: config, mediaType: MediaType.wasmConfig }, layers, names)), names };
  }
  const written = await Promise.all(state.layers);
  for (const layer of written) if (layer.from) await copyBlobInto(options.outDir, layer.digest, layer.from);
  const config = imageConfig(
    state.platform,
    state.config,
    created,
    state.history,
    written.map((l) => l.diffId),
    state.author,
  );
  const layers = written.map(({ digest, size, mediaType, diffId }) => ({ digest, size, mediaType, diffId }));
  return { ...(await writeLayout(options.outDir, { bytes: config, mediaType: MediaType.ociConfig }, layers, names)), names };
}
