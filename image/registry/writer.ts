import { setTimeout as sleep } from 'node:timers/promises';
import { WasmctlError } from '../../common/index.js';
import { answerChallenge } from './auth.js';
import { type Credentials, credentialsFor } from './credentials.js';
import { type Answer, type Body, send } from './http.js';
import { registryBase } from './client.js';

export interface WriterOptions {
  plainHttp?: boolean;
  /** Blobs larger than this go up in PATCH chunks of this size; smaller ones in one PUT. */
  chunkSize?: number;
  /** Tries per request on a 5xx or a broken connection; default 4. */
  attempts?: number;
  /** Backoff before the second try, doubled after each; default 200 ms. */
  backoffMs?: number;
}

export interface BlobFile {
  digest: string;
  size: number;
  path: string;
}

const DEFAULT_CHUNK = 64 * 1024 * 1024;
/** The first entry of a distribution error body (`{errors: [{code, message}]}`), as `CODE: message`. */
const registryErrorText = (text: string): string => {
  try {
    const doc = JSON.parse(text) as { errors?: Array<{ code?: string; message?: string }> };
    const first = doc.errors?.[0];
    return first ? `${first.code ?? ''}${first.message ? `: ${first.message}` : ''}` : '';
  } catch {
    return '';
  }
};

/**
 * Writes to one repository of a distribution v2 registry, as skopeo and crane do: HEAD before
 * upload, cross-repository mount, monolithic PUT or chunked PATCH uploads, manifest PUT. Auth as
 * the pull client has it (bearer token with push scope, basic, docker config, helpers).
 */
export class RegistryWriter {
  readonly base: URL;
  private authorization: string | undefined;
  private credentials: Promise<Credentials | undefined> | undefined;
  private scopes: string[];
  private readonly chunkSize: number;

  constructor(
    readonly domain: string,
    readonly repository: string,
    private readonly options: WriterOptions = {},
  ) {
    this.base = registryBase(domain, options.plainHttp ?? false);
    this.scopes = [`repository:${repository}:pull,push`];
    this.chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  }

  /** Whether the repository already has the blob (a HEAD). */
  async hasBlob(digest: string): Promise<boolean> {
    const answer = await this.request('HEAD', `blobs/${digest}`, {}, undefined, `blob ${digest}`, [200, 404]);
    return answer.status === 200;
  }

  /** Mounts a blob from another repository of this registry; false when the registry started an upload instead. */
  async mount(blob: BlobFile, from: string, onBytes?: (n: number) => void): Promise<boolean> {
    if (!this.scopes.includes(`repository:${from}:pull`)) {
      this.scopes = [...this.scopes, `repository:${from}:pull`];
      this.authorization = undefined;
    }
    const query = `?mount=${encodeURIComponent(blob.digest)}&from=${encodeURIComponent(from)}`;
    const answer = await this.request('POST', `blobs/uploads/${query}`, {}, undefined, `blob ${blob.digest}`, [201, 202]);
    if (answer.status === 201) return true;
    await this.finishUpload(this.location(answer), blob, onBytes);
    return false;
  }

  /** Uploads a blob: one PUT when it fits in a chunk, else PATCH chunk by chunk then PUT ?digest=. Retried from the start on failure. */
  async upload(blob: BlobFile, onBytes?: (n: number) => void): Promise<void> {
    await this.retrying(`blob ${blob.digest}`, async () => {
      const start = await this.request('POST', 'blobs/uploads/', {}, undefined, `blob ${blob.digest}`, [202], 1);
      await this.finishUpload(this.location(start), blob, onBytes);
    });
  }

  async putManifest(reference: string, bytes: Buffer, mediaType: string): Promise<void> {
    await this.request('PUT', `manifests/${reference}`, { 'content-type': mediaType }, bytes, `the manifest ${reference}`, [201]);
  }

  private async finishUpload(location: URL, blob: BlobFile, onBytes?: (n: number) => void): Promise<void> {
    const what = `blob ${blob.digest}`;
    let url = location;
    if (blob.size > this.chunkSize) {
      for (let offset = 0; offset < blob.size; offset += this.chunkSize) {
        const end = Math.min(blob.size, offset + this.chunkSize);
        const headers = { 'content-type': 'application/octet-stream', 'content-range': `${offset}-${end - 1}` };
        const answer = await this.requestUrl('PATCH', url, headers, { path: blob.path, start: offset, end }, what, [202], 1, onBytes);
        url = this.location(answer);
      }
      url.searchParams.set('digest', blob.digest);
      await this.requestUrl('PUT', url, {}, undefined, what, [201], 1);
      return;
    }
    url.searchParams.set('digest', blob.digest);
    await this.requestUrl(
      'PUT',
      url,
      { 'content-type': 'application/octet-stream' },
      { path: blob.path, start: 0, end: blob.size },
      what,
      [201],
      1,
      onBytes,
    );
  }

  private location(answer: Answer): URL {
    const location = answer.headers.location;
    if (!location) throw new WasmctlError('Unavailable', `the registry ${this.domain} started an upload but gave no Location`);
    return new URL(location, this.base);
  }

  private request(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: Body | undefined,
    what: string,
    ok: number[],
    attempts?: number,
  ): Promise<Answer> {
    return this.requestUrl(method, new URL(`/v2/${this.repository}/${path}`, this.base), headers, body, what, ok, attempts);
  }

  private async requestUrl(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: Body | undefined,
    what: string,
    ok: number[],
    attempts?: number,
    onBytes?: (n: number) => void,
  ): Promise<Answer> {
    const once = async () => {
      const auth = (): Record<string, string> =>
        this.authorization && url.origin === this.base.origin ? { authorization: this.authorization } : {};
      let answer = await this.exchange(method, url, { ...headers, ...auth() }, body, onBytes);
      if (answer.status === 401 && !this.authorization) {
        await this.authenticate(answer);
        answer = await this.exchange(method, url, { ...headers, ...auth() }, body, onBytes);
      } else if (answer.status === 401) {
        // A token for fewer scopes (or an expired one): ask again, once.
        this.authorization = undefined;
        await this.authenticate(answer);
        answer = await this.exchange(method, url, { ...headers, ...auth() }, body, onBytes);
      }
      if (ok.includes(answer.status)) return answer;
      throw this.failure(answer, what);
    };
    return attempts === 1 ? once() : this.retrying(what, once);
  }

  private async exchange(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: Body | undefined,
    onBytes?: (n: number) => void,
  ): Promise<Answer> {
    try {
      return await send(method, url, headers, body, onBytes);
    } catch (err) {
      throw new WasmctlError('Unavailable', `cannot reach registry ${url.host}: ${(err as Error).message}`, {
        hint: 'is the registry running and the address right? use --plain-http for an HTTP registry',
        cause: err,
      });
    }
  }

  /** Retries `run` on a 5xx or a broken connection, with exponential backoff. */
  private async retrying<T>(what: string, run: () => Promise<T>): Promise<T> {
    const attempts = this.options.attempts ?? 4;
    let delay = this.options.backoffMs ?? 200;
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (err) {
        const retryable = err instanceof WasmctlError && err.kind === 'Unavailable';
        if (!retryable || attempt >= attempts) throw err;
        await sleep(delay * (0.75 + Math.random() / 2));
        delay *= 2;
      }
    }
  }

  private failure(answer: Answer, what: string): WasmctlError {
    const where = `${this.domain}/${this.repository}`;
    const detail = registryErrorText(answer.text);
    const said = detail ? ` (${detail})` : '';
    switch (answer.status) {
      case 401:
        return new WasmctlError('PermissionDenied', `push to ${where}: the registry wants credentials (401 unauthorized)${said}`, {
          hint: `wasmctl login ${this.domain}`,
        });
      case 403:
        return new WasmctlError(
          'PermissionDenied',
          `push to ${where}: denied (403); these credentials may not push to ${this.repository}${said}`,
          {
            hint: `log in as a user with push rights: wasmctl login ${this.domain}`,
          },
        );
      case 404:
        return new WasmctlError('NotFound', `push to ${where}: ${what} answered 404 (no such repository or upload)${said}`, {
          hint: 'check the repository name; some registries need it created first',
        });
      case 413:
        return new WasmctlError(
          'ResourceExhausted',
          `push to ${where}: ${what} is larger than the registry accepts (413 payload too large)`,
          {
            hint: "raise the registry's (or its proxy's) body size limit, e.g. nginx client_max_body_size",
          },
        );
      default:
        return new WasmctlError(
          answer.status >= 500 ? 'Unavailable' : 'FailedPrecondition',
          `push to ${where}: ${what} answered ${answer.status}${said}`,
        );
    }
  }

  private async authenticate(answer: Answer): Promise<void> {
    this.credentials ??= credentialsFor(this.domain);
    const header = answer.headers['www-authenticate'];
    const login = { hint: `wasmctl login ${this.domain}` };
    const where = `push to ${this.domain}/${this.repository}`;
    try {
      this.authorization = await answerChallenge(
        this.domain,
        Array.isArray(header) ? header[0] : header,
        this.scopes,
        await this.credentials,
        () => new WasmctlError('PermissionDenied', `${where}: the registry wants credentials (401 unauthorized)`, login),
      );
    } catch (err) {
      // A token service's refusal says "check config.json"; for a push the next step is a login.
      if (err instanceof WasmctlError && err.kind === 'PermissionDenied' && !err.message.startsWith(where)) {
        throw new WasmctlError('PermissionDenied', `${where}: ${err.message} (401 unauthorized)`, { ...login, cause: err });
      }
      throw err;
    }
  }
}
