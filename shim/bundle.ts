/**
 * The bundle's `config.json` (an OCI runtime spec) read down to what a Wasm task needs, validated
 * with zod, and the wasmctl settings carried in its annotations.
 */
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { lastWins, readJsonFile } from '../common/index.js';
import { settingsFromAnnotations, type TaskSettings } from './settings.js';

const specSchema = z.object({
  process: z.object({
    args: z.array(z.string()).min(1, 'process.args is empty: the image has no entrypoint or cmd'),
    env: z.array(z.string()).default([]),
    cwd: z.string().default('/'),
    terminal: z.boolean().default(false),
  }),
  root: z.object({ path: z.string() }).optional(),
  annotations: z.record(z.string(), z.string()).default({}),
});

export interface BundleSpec {
  args: string[];
  env: string[];
  cwd: string;
  /** `root.path` resolved against the bundle; used when Create carries no rootfs mounts. */
  rootPath: string | undefined;
  settings: TaskSettings;
  /** A CRI pod's sandbox ("pause") container: it only has to exist, there is nothing to run. */
  sandbox: boolean;
}

/** What CRI (containerd's, as the kubelet drives it) marks a pod's sandbox container with. */
const CRI_CONTAINER_TYPE = 'io.kubernetes.cri.container-type';

export async function readBundle(bundle: string): Promise<BundleSpec> {
  const path = join(bundle, 'config.json');
  const spec = await readJsonFile(path, specSchema, `the bundle's ${path}`);
  const rootPath = spec.root ? (isAbsolute(spec.root.path) ? spec.root.path : join(bundle, spec.root.path)) : undefined;
  return {
    args: spec.process.args,
    env: lastWins(spec.process.env),
    cwd: spec.process.cwd,
    rootPath,
    settings: settingsFromAnnotations(spec.annotations),
    sandbox: spec.annotations[CRI_CONTAINER_TYPE] === 'sandbox',
  };
}
