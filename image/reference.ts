import { WasmctlError } from '../common/index.js';
import { DigestSchema } from './types.js';

/** A registry reference after docker's normalisation (docker.io, library/, default tag latest). */
export interface Reference {
  /** Registry host as written (docker.io for Docker Hub). */
  domain: string;
  /** Repository path inside the registry, e.g. `library/hello`. */
  path: string;
  tag?: string;
  digest?: string;
}

const DOCKER_HUB = 'docker.io';
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN =
  /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
export const isTag = (text: string): boolean => TAG.test(text);

const invalid = (input: string, why: string) =>
  new WasmctlError('InvalidArgument', `invalid reference "${input}": ${why}`, {
    hint: 'write it as [registry/]name[:tag][@sha256:digest]',
  });

export function parseReference(input: string): Reference {
  let rest = input.trim();
  if (rest === '') throw invalid(input, 'empty');
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    if (!DigestSchema.safeParse(digest).success) throw invalid(input, 'the digest is not sha256:<64 hex>');
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    if (!TAG.test(tag)) throw invalid(input, `bad tag "${tag}"`);
    rest = rest.slice(0, lastColon);
  }
  const parts = rest.split('/');
  let domain = DOCKER_HUB;
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('['))) {
    if (!DOMAIN.test(first)) throw invalid(input, `bad registry host "${first}"`);
    domain = first;
    parts.shift();
  }
  if (domain === 'index.docker.io' || domain === 'registry-1.docker.io') domain = DOCKER_HUB;
  for (const part of parts) {
    if (!COMPONENT.test(part)) throw invalid(input, `"${part}" is not a lowercase name component`);
  }
  if (domain === DOCKER_HUB && parts.length === 1) parts.unshift('library');
  if (!tag && !digest) tag = 'latest';
  return { domain, path: parts.join('/'), ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** The repository as stored: `docker.io/library/hello`, `127.0.0.1:5000/hello`. */
export const repositoryOf = (ref: Reference): string => `${ref.domain}/${ref.path}`;

export function formatReference(ref: Reference): string {
  const tag = ref.tag ? `:${ref.tag}` : '';
  const digest = ref.digest ? `@${ref.digest}` : '';
  return `${repositoryOf(ref)}${tag}${digest}`;
}

/** Docker's short form for display: `hello` for docker.io/library/hello. */
export function familiarRepository(repository: string): string {
  const hub = `${DOCKER_HUB}/`;
  if (!repository.startsWith(hub)) return repository;
  const path = repository.slice(hub.length);
  return path.startsWith('library/') && path.split('/').length === 2 ? path.slice('library/'.length) : path;
}

export const normalizeReference = (input: string): string => formatReference(parseReference(input));

/** How docker shows a stored name: `docker.io/library/hello:v1` → hello, v1; an unnamed image (its digest) → <none>. */
export function displayName(reference: string): { repository: string; tag: string } {
  if (reference.startsWith('sha256:')) return { repository: '<none>', tag: '<none>' };
  const at = reference.indexOf('@');
  const named = at >= 0 ? reference.slice(0, at) : reference;
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  return { repository: familiarRepository(hasTag ? named.slice(0, colon) : named), tag: hasTag ? named.slice(colon + 1) : '<none>' };
}
