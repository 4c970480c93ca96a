import type { Readable } from 'node:stream';
import type { Descriptor, Manifest, Platform } from './types.js';

/** One image a source offers: a manifest and the names to record it under. */
export interface SourceImage {
  /** Normalised references (`docker.io/library/hello:latest`); empty when the source names none. */
  names: string[];
  manifestDigest: string;
  manifestBytes: Buffer;
  manifest: Manifest;
}

/**
 * What every source yields (go-containerregistry's v1.Image, in our shape): the registry,
 * docker-save archives, OCI archives and OCI layouts all implement it, and the store takes any.
 */
export interface ImageSource {
  images(): Promise<SourceImage[]>;
  /** The raw bytes of a blob; the store verifies them against the descriptor. */
  openBlob(image: SourceImage, descriptor: Descriptor): Promise<Readable>;
  /** The host file holding a blob, for sources on disk (archives, layouts): staging reads a small one at once. */
  blobFile?(image: SourceImage, descriptor: Descriptor): Promise<string>;
}

export interface SelectOptions {
  /** `os/arch[/variant]` as given to `--platform`. */
  platform?: Platform;
}
