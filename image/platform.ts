import { arch } from 'node:process';
import { WasmctlError } from '../common/index.js';
import { Annotation, type Descriptor, type Platform } from './types.js';

const WASI_OS = new Set(['wasi', 'wasip1', 'wasip2']);
const NODE_TO_OCI_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386' };

export function parsePlatform(text: string): Platform {
  const [os, architecture, variant, ...rest] = text.split('/');
  if (!os || !architecture || rest.length > 0) {
    throw new WasmctlError('InvalidArgument', `invalid platform "${text}"`, { hint: 'write it as os/arch[/variant], e.g. wasi/wasm' });
  }
  return variant ? { os, architecture, variant } : { os, architecture };
}

export const formatPlatform = (p: Platform): string => [p.os, p.architecture, p.variant].filter(Boolean).join('/');

const isAttestation = (d: Descriptor): boolean =>
  d.annotations?.[Annotation.dockerRefType] === 'attestation-manifest' ||
  (d.platform?.os === 'unknown' && d.platform.architecture === 'unknown');

const isWasm = (p: Platform | undefined): boolean => !!p && (WASI_OS.has(p.os) || p.architecture === 'wasm');

function matches(p: Platform | undefined, wanted: Platform): boolean {
  if (!p || p.architecture !== wanted.architecture) return false;
  if (wanted.variant && p.variant !== wanted.variant) return false;
  return p.os === wanted.os || (WASI_OS.has(p.os) && WASI_OS.has(wanted.os));
}

/**
 * Picks one manifest of an index: the wanted platform when given; else a Wasm one, else the
 * host's linux platform (FROM-scratch builds carry the builder's), else the only one.
 */
export function selectManifest(manifests: Descriptor[], wanted: Platform | undefined, what: string): Descriptor {
  const candidates = manifests.filter((d) => !isAttestation(d));
  const hostArch = NODE_TO_OCI_ARCH[arch] ?? arch;
  // An exact os first: an index of wasip1 and wasip2 images has two that match wasi.
  const pick = wanted
    ? (candidates.find((d) => matches(d.platform, wanted) && d.platform?.os === wanted.os) ??
      candidates.find((d) => matches(d.platform, wanted)))
    : (candidates.find((d) => isWasm(d.platform)) ??
      candidates.find((d) => d.platform?.os === 'linux' && d.platform.architecture === hostArch) ??
      (candidates.length === 1 ? candidates[0] : undefined));
  if (pick) return pick;
  const offered = candidates.map((d) => (d.platform ? formatPlatform(d.platform) : 'unknown')).join(', ') || 'none';
  throw new WasmctlError('NotFound', `${what} has no image for ${wanted ? formatPlatform(wanted) : 'this platform'}`, {
    hint: `it offers: ${offered}; choose one with --platform`,
  });
}
