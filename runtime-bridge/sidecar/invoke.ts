import { WasmctlError, type ErrorKind } from '../../common/index.js';
import type { InvokeOptions, InvokeResult } from '../client/api.js';

const STATUS_KINDS: Record<number, ErrorKind> = {
  400: 'InvalidArgument',
  403: 'PermissionDenied',
  404: 'NotFound',
  409: 'AlreadyExists',
  429: 'ResourceExhausted',
  502: 'Unavailable',
  503: 'Unavailable',
  504: 'DeadlineExceeded',
};

/**
 * Service invocation the way Layotto delivers it: an HTTP request to the function listener (here,
 * a configured endpoint such as the FaaS gateway) with header `id: <target>`, the method as the
 * path and the data as the body.
 */
export class HttpInvoker {
  constructor(
    private readonly endpoint: string | undefined,
    private readonly timeoutMs = 30_000,
  ) {}

  async invoke(id: string, method: string, data: Uint8Array, options: InvokeOptions = {}): Promise<InvokeResult> {
    if (!this.endpoint) {
      throw new WasmctlError('FailedPrecondition', `cannot invoke ${id}: the sidecar has no invoke endpoint`, {
        hint: 'start it with --invoke-endpoint URL',
      });
    }
    const url = new URL(method.replace(/^\/+/, ''), this.endpoint.endsWith('/') ? this.endpoint : `${this.endpoint}/`);
    if (options.querystring) url.search = options.querystring;
    const verb = !options.verb || options.verb === 'NONE' ? 'POST' : options.verb;
    const withBody = verb !== 'GET' && verb !== 'HEAD';
    let response: Response;
    try {
      response = await fetch(url, {
        method: verb,
        headers: { id, ...(options.contentType ? { 'content-type': options.contentType } : {}) },
        ...(withBody ? { body: data } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      if ((err as Error).name === 'TimeoutError') {
        throw new WasmctlError('DeadlineExceeded', `invoke ${id}: ${url.origin} did not answer in ${this.timeoutMs}ms`);
      }
      throw new WasmctlError(
        'Unavailable',
        `invoke ${id}: ${url.origin} is unreachable: ${cause?.code ?? cause?.message ?? (err as Error).message}`,
        {
          cause: err,
        },
      );
    }
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status >= 400) {
      const text = body.toString('utf8', 0, 200).trim();
      throw new WasmctlError(
        STATUS_KINDS[response.status] ?? 'Internal',
        `invoke ${id}/${method}: HTTP ${response.status}${text ? `: ${text}` : ''}`,
      );
    }
    return { data: body, contentType: response.headers.get('content-type') ?? '' };
  }
}
