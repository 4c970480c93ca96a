import { mkdir, rm } from 'node:fs/promises';
import { WasmctlError } from '../common/index.js';
import { openBlobFile } from './compression.js';
import { mergeLayer } from './layer-merge.js';
import { type Report, type StagedBlobs, reporter } from './stage-blobs.js';
import type { OnProgress } from './stage.js';
import type { SizeBudget } from './compression.js';
import { Annotation, type Descriptor, isWasmLayer } from './types.js';
import { type LayerChanges, placeWasmLayer, unpackTarLayer } from './unpack.js';

/**
 * Layers download and unpack this many at a time, each into its own folder as it arrives (one
 * pass: digest → blob file → decompress → diff_id → files), as containerd's unpacker overlaps
 * them; they are then put on the root one after the other, in order, by rename.
 */
const CONCURRENCY = 3;

export interface LayerPlan {
  layers: Descriptor[];
  /** The config's rootfs.diff_ids; none for a Wasm artifact. */
  diffIds: string[] | undefined;
  blobs: StagedBlobs;
  budget: SizeBudget;
  onProgress: OnProgress | undefined;
}

type Unpacked = { kind: 'tar'; dir: string; changes: LayerChanges } | { kind: 'wasm'; path: string };

/** A safe file name for a Wasm artifact layer: its title annotation, else its digest. */
function moduleName(layer: Descriptor): string {
  const title = layer.annotations?.[Annotation.title];
  return title && /^[\w][\w.-]*$/.test(title) ? title : `${layer.digest.slice(7)}.wasm`;
}

/** Downloads the layers the store lacks, for an image whose files the store already has. */
export async function fetchLayers(plan: LayerPlan): Promise<void> {
  await Promise.all(
    limited(plan.layers, async (layer) => {
      const report = reporter(plan.onProgress, layer);
      await plan.blobs.file(layer, `layer ${layer.digest}`, report);
      report('Pull complete', layer.size);
    }),
  );
}

/** Unpacks every layer into `rootfs` (staged), each checked against its diff_id; returns the Wasm artifact's module paths. */
export async function unpackLayers(plan: LayerPlan, rootfs: string): Promise<string[]> {
  await mkdir(rootfs);
  const firsts = new Map<string, Promise<Unpacked>>();
  const work = limited(plan.layers, (layer, i) => {
    const earlier = firsts.get(layer.digest);
    const unpacking = unpackOne(plan, layer, i, `${rootfs}.layer-${i}`, earlier);
    if (!earlier) firsts.set(layer.digest, unpacking);
    return unpacking;
  });
  // The first failure ends the pull at once, not when the merge reaches that layer.
  const failed = Promise.all(work).then(() => new Promise<never>(() => undefined));
  failed.catch(() => undefined);
  const modules: string[] = [];
  try {
    for (const [i, layer] of plan.layers.entries()) {
      const unpacked = await Promise.race([work[i] as Promise<Unpacked>, failed]);
      const report = reporter(plan.onProgress, layer);
      report('Extracting', layer.size);
      if (unpacked.kind === 'wasm') {
        const name = moduleName(layer);
        await placeWasmLayer(rootfs, unpacked.path, name, plan.budget);
        modules.push(`/${name}`);
      } else {
        await mergeLayer(unpacked.dir, rootfs, unpacked.changes, `layer ${layer.digest}`);
        await rm(unpacked.dir, { recursive: true, force: true });
      }
      report('Pull complete', layer.size);
    }
    return modules;
  } finally {
    // Nothing may still write into staging once the caller removes it.
    await Promise.allSettled(work);
  }
}

async function unpackOne(
  plan: LayerPlan,
  layer: Descriptor,
  i: number,
  dir: string,
  earlier: Promise<Unpacked> | undefined,
): Promise<Unpacked> {
  const what = `layer ${layer.digest}`;
  const report: Report = reporter(plan.onProgress, layer);
  if (isWasmLayer(layer.mediaType)) {
    await earlier;
    return { kind: 'wasm', path: await plan.blobs.file(layer, what, report) };
  }
  await mkdir(dir);
  // The same blob twice (empty layers often are) downloads once; the second unpacks the file.
  if (earlier) await earlier;
  const { input, stages } = earlier
    ? { input: openBlobFile(await plan.blobs.file(layer, what, report)), stages: [] }
    : await plan.blobs.open(layer, what, report);
  const { diffId, changes } = await unpackTarLayer(dir, input, what, plan.budget, stages);
  const expected = plan.diffIds?.[i];
  if (plan.diffIds && diffId !== expected) {
    throw new WasmctlError('DataLoss', `${what} unpacks to ${diffId}, but the config's rootfs.diff_ids says ${expected}`);
  }
  return { kind: 'tar', dir, changes };
}

/** Runs `run` over `items` with at most CONCURRENCY at once; the promises keep the items' order. */
function limited<T, R>(items: T[], run: (item: T, index: number) => Promise<R>): Promise<R>[] {
  const slots: Array<() => void> = [];
  let active = 0;
  const acquire = () =>
    new Promise<void>((resolve) => {
      if (active < CONCURRENCY) {
        active++;
        resolve();
      } else slots.push(resolve);
    });
  const release = () => {
    const waiter = slots.shift();
    if (waiter) waiter();
    else active--;
  };
  return items.map((item, index) => {
    const promise = acquire().then(() => run(item, index).finally(release));
    promise.catch(() => undefined);
    return promise;
  });
}
