import { z } from 'zod';

/** Media types we read; strings from the OCI image spec, Docker's schema 2 and the CNCF Wasm artifact. */
export const MediaType = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  wasmConfig: 'application/vnd.wasm.config.v0+json',
  dockerLayerTar: 'application/vnd.docker.image.rootfs.diff.tar',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  ociLayerTar: 'application/vnd.oci.image.layer.v1.tar',
  wasmLayer: 'application/wasm',
  runwasiWasmLayer: 'application/vnd.bytecodealliance.wasm.component.layer.v0+wasm',
} as const;

export const MANIFEST_ACCEPT = [MediaType.ociManifest, MediaType.ociIndex, MediaType.dockerManifest, MediaType.dockerList].join(', ');

export const isIndexMediaType = (t: string | undefined): boolean => t === MediaType.ociIndex || t === MediaType.dockerList;

export const isWasmLayer = (t: string): boolean => t === MediaType.wasmLayer || t === MediaType.runwasiWasmLayer;

/** Only sha256, and only lowercase hex: a digest also names a file in the store (CVE-2024-3727). */
export const DigestSchema = z.string().regex(/^sha256:[a-f0-9]{64}$/, 'not a sha256 digest');

export const PlatformSchema = z.object({
  os: z.string(),
  architecture: z.string(),
  variant: z.string().optional(),
});
export type Platform = z.infer<typeof PlatformSchema>;

const Annotations = z.record(z.string(), z.string()).optional();

export const DescriptorSchema = z.object({
  mediaType: z.string(),
  digest: DigestSchema,
  size: z.number().int().nonnegative(),
  annotations: Annotations,
  platform: PlatformSchema.optional(),
  urls: z.array(z.string()).optional(),
});
export type Descriptor = z.infer<typeof DescriptorSchema>;

/** OCI image manifest and Docker schema 2 manifest: the same shape. */
export const ManifestSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  config: DescriptorSchema,
  layers: z.array(DescriptorSchema),
  annotations: Annotations,
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** OCI image index and Docker manifest list. */
export const IndexSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  manifests: z.array(DescriptorSchema),
  annotations: Annotations,
});
export type ImageIndex = z.infer<typeof IndexSchema>;

const nullableStrings = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? []);

export const ImageConfigSchema = z.object({
  architecture: z.string(),
  os: z.string(),
  variant: z.string().optional(),
  created: z.string().optional(),
  config: z
    .object({
      Entrypoint: nullableStrings,
      Cmd: nullableStrings,
      Env: nullableStrings,
      WorkingDir: z.string().optional(),
    })
    .nullish(),
  rootfs: z.object({ type: z.literal('layers'), diff_ids: z.array(DigestSchema) }),
});
export type ImageConfig = z.infer<typeof ImageConfigSchema>;

/** The CNCF TAG-Runtime Wasm artifact config. */
export const WasmConfigSchema = z.object({
  architecture: z.literal('wasm'),
  os: z.string(),
  created: z.string().optional(),
  layerDigests: z.array(DigestSchema).optional(),
  component: z.unknown().optional(),
});

export const DockerSaveManifestSchema = z.array(
  z.object({
    Config: z.string(),
    RepoTags: z.array(z.string()).nullish(),
    Layers: z.array(z.string()),
  }),
);

export const OciLayoutSchema = z.object({ imageLayoutVersion: z.string() });

export const Annotation = {
  refName: 'org.opencontainers.image.ref.name',
  containerdName: 'io.containerd.image.name',
  title: 'org.opencontainers.image.title',
  dockerRefType: 'vnd.docker.reference.type',
} as const;
