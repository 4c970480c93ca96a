import { type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { WasmctlError } from '../../common/index.js';
import { MAX_MANIFEST_BYTES, sha256Of } from '../blob-copy.js';
import { MANIFEST_ACCEPT } from '../types.js';
import { answerChallenge } from './auth.js';
import { type Credentials, credentialsFor } from './credentials.js';

export interface ClientOptions {
  /** HTTP instead of HTTPS for a host that is not loopback (loopback always uses HTTP). */
  plainHttp?: boolean;
}

const MAX_REDIRECTS = 10;
/** A blob connection idle this long fails (undici's default for fetch's headers and body). */
const IDLE_TIMEOUT_MS = 300_000;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

const hostOnly = (domain: string): string =>
  domain.startsWith('[') ? domain.slice(0, domain.indexOf(']') + 1) : (domain.split(':')[0] ?? domain);

/** One HTTP answer, whichever client got it: enough to follow redirects, authenticate and report. */
interface Reply {
  status: number;
  header(name: string): string | undefined;
  /** Drops the body unread. */
  discard(): Promise<void> | void;
}
type Send<R extends Reply> = (url: URL, headers: Record<string, string>) => Promise<R>;

interface FetchReply extends Reply {
  response: Response;
}
const sendFetch: Send<FetchReply> = async (url, headers) => {
  const response = await fetch(url, { headers, redirect: 'manual' });
  return {
    response,
    status: response.status,
    header: (name) => response.headers.get(name) ?? undefined,
    discard: async () => {
      await response.body?.cancel();
    },
  };
};

interface HttpReply extends Reply {
  body: IncomingMessage;
}
/**
 * A GET through node:http(s), for blobs: its body is a Node stream as the socket delivers it, with
 * none of fetch's web-stream and Readable.fromWeb hops per chunk (~10 ms of main thread per 26 MB).
 */
const sendHttp: Send<HttpReply> = (url, headers) =>
  new Promise((resolve, reject) => {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(url, { headers: { 'user-agent': 'wasmctl', ...headers }, timeout: IDLE_TIMEOUT_MS }, (body) =>
      resolve({
        body,
        status: body.statusCode ?? 0,
        header: (name) => {
          const value = body.headers[name];
          return Array.isArray(value) ? value.join(', ') : value;
        },
        discard: () => {
          body.destroy();
        },
      }),
    );
    req.on('timeout', () => req.destroy(new Error(`no data for ${IDLE_TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
    req.end();
  });

/** The registry's URL: Docker Hub's API host, HTTP for loopback (as containerd and crane) or when asked. */
export function registryBase(domain: string, plainHttp: boolean): URL {
  const host = domain === 'docker.io' ? 'registry-1.docker.io' : domain;
  const plain = plainHttp || LOOPBACK.has(hostOnly(domain));
  return new URL(`${plain ? 'http' : 'https'}://${host}`);
}

export interface FetchedManifest {
  bytes: Buffer;
  mediaType: string | undefined;
  digest: string;
}

/** A distribution v2 client for one repository. */
export class RegistryClient {
  private readonly base: URL;
  private readonly scope: string;
  private authorization: string | undefined;
  private credentials: Promise<Credentials | undefined> | undefined;

  constructor(
    private readonly domain: string,
    private readonly repository: string,
    options: ClientOptions = {},
  ) {
    this.base = registryBase(domain, options.plainHttp ?? false);
    this.scope = `repository:${repository}:pull`;
  }

  async manifest(reference: string, label: string): Promise<FetchedManifest> {
    const { response } = await this.get(`manifests/${reference}`, MANIFEST_ACCEPT, label, sendFetch);
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_MANIFEST_BYTES) {
      await response.body?.cancel();
      throw new WasmctlError('ResourceExhausted', `the manifest of ${label} is larger than ${MAX_MANIFEST_BYTES} bytes`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body ?? []) {
      size += chunk.length;
      if (size > MAX_MANIFEST_BYTES) {
        throw new WasmctlError('ResourceExhausted', `the manifest of ${label} is larger than ${MAX_MANIFEST_BYTES} bytes`);
      }
      chunks.push(Buffer.from(chunk));
    }
    const bytes = Buffer.concat(chunks);
    const digest = sha256Of(bytes);
    if (reference.startsWith('sha256:') && digest !== reference) {
      throw new WasmctlError('DataLoss', `the manifest of ${label} does not match its digest ${reference}`);
    }
    return { bytes, mediaType: response.headers.get('content-type')?.split(';')[0]?.trim(), digest };
  }

  async blob(digest: string, label: string): Promise<Readable> {
    return (await this.get(`blobs/${digest}`, '*/*', label, sendHttp)).body;
  }

  private async get<R extends Reply>(path: string, accept: string, label: string, send: Send<R>): Promise<R> {
    const url = new URL(`/v2/${this.repository}/${path}`, this.base);
    let response = await this.follow(url, accept, send);
    if (response.status === 401) {
      await this.authenticate(response);
      response = await this.follow(url, accept, send);
    }
    if (response.status >= 200 && response.status < 300) return response;
    await response.discard();
    const where = `${label} (${this.domain})`;
    if (response.status === 404) {
      throw new WasmctlError(
        'NotFound',
        `${path.startsWith('blobs') ? `blob ${path.slice(6)} of` : 'image'} ${where} not found in the registry`,
      );
    }
    if (response.status === 401 || response.status === 403) {
      throw new WasmctlError('PermissionDenied', `the registry refused access to ${where}`, {
        hint: `give credentials for ${this.domain} in $DOCKER_CONFIG/config.json (docker login)`,
      });
    }
    throw new WasmctlError('Unavailable', `the registry answered ${response.status} for ${where}`);
  }

  /** Follows redirects by hand: credentials go only to the registry's own host (CVE-2020-15157's cousin). */
  private async follow<R extends Reply>(start: URL, accept: string, send: Send<R>): Promise<R> {
    let url = start;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const headers: Record<string, string> = { accept };
      // The origin, not the host: a redirect to http:// on the same host must not carry the token in clear.
      if (this.authorization && url.origin === this.base.origin) headers.authorization = this.authorization;
      let response: R;
      try {
        response = await send(url, headers);
      } catch (err) {
        const cause = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
        // Plain HTTP is already in use for loopback (and with --plain-http): no point suggesting it.
        const plainHint = url.protocol === 'http:' ? '' : '; use --plain-http for an HTTP registry';
        throw new WasmctlError('Unavailable', `cannot reach registry ${url.host}: ${cause}`, {
          hint: `is the registry running and the address right?${plainHint}`,
          cause: err,
        });
      }
      const location = response.header('location');
      if (response.status < 300 || response.status >= 400 || !location) return response;
      await response.discard();
      url = new URL(location, url);
    }
    throw new WasmctlError('Unavailable', `the registry ${this.domain} redirected more than ${MAX_REDIRECTS} times`);
  }

  private async authenticate(response: Reply): Promise<void> {
    await response.discard();
    this.credentials ??= credentialsFor(this.domain);
    this.authorization = await answerChallenge(
      this.domain,
      response.header('www-authenticate'),
      this.scope,
      await this.credentials,
      () =>
        new WasmctlError('PermissionDenied', `the registry ${this.domain} requires credentials`, {
          hint: `give credentials for ${this.domain} in $DOCKER_CONFIG/config.json (docker login)`,
        }),
    );
  }
}
