import { z } from 'zod';
import { WasmctlError } from '../../common/index.js';
import { parseImageJson } from '../blob-copy.js';
import type { Credentials } from './credentials.js';

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** `Bearer realm="…",service="…",scope="…"` → scheme and parameters. */
export function parseChallenge(header: string): Challenge {
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const params: Record<string, string> = {};
  for (const m of header.slice(space + 1).matchAll(/([a-zA-Z_]+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
    params[(m[1] ?? '').toLowerCase()] = m[2] ?? m[3] ?? '';
  }
  return { scheme, params };
}

const TokenSchema = z
  .object({ token: z.string().optional(), access_token: z.string().optional() })
  .refine((t) => t.token || t.access_token, 'no token in the answer');

export const basicHeader = (c: Credentials): string => `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;

/** Asks the challenge's realm for a bearer token (distribution's token auth, or OAuth2 with a refresh token). */
export async function fetchToken(challenge: Challenge, scope: string | string[], creds: Credentials | undefined): Promise<string> {
  // Push asks for several scopes at once (the target's pull,push and a mount source's pull); login for none.
  const scopes = typeof scope === 'string' ? [scope] : scope;
  const realm = challenge.params.realm;
  if (!realm) throw new WasmctlError('PermissionDenied', 'the registry asked for a token but named no realm');
  const service = challenge.params.service ?? '';
  let response: Response;
  try {
    if (creds?.identityToken) {
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: creds.identityToken,
        service,
        scope: scopes.join(' '),
        client_id: 'wasmctl',
      });
      response = await fetch(realm, { method: 'POST', body: form });
    } else {
      const url = new URL(realm);
      if (service) url.searchParams.set('service', service);
      for (const one of scopes) url.searchParams.append('scope', one);
      response = await fetch(url, { headers: creds ? { authorization: basicHeader(creds) } : {} });
    }
  } catch (err) {
    throw new WasmctlError('Unavailable', `cannot reach the token service ${realm}: ${(err as Error).message}`, { cause: err });
  }
  if (response.status === 401 || response.status === 403) {
    throw new WasmctlError('PermissionDenied', `the token service ${realm} refused the credentials`, {
      hint: 'check the registry credentials in $DOCKER_CONFIG/config.json',
    });
  }
  if (!response.ok) throw new WasmctlError('Unavailable', `the token service ${realm} answered ${response.status}`);
  const answer = parseImageJson(Buffer.from(await response.arrayBuffer()), TokenSchema, `the answer of ${realm}`);
  return (answer.token || answer.access_token) as string;
}

/** The Authorization header that answers a 401's challenge: a bearer token for `scope`, or basic credentials. */
export async function answerChallenge(
  domain: string,
  header: string | undefined,
  scope: string | string[],
  creds: Credentials | undefined,
  refused: () => WasmctlError,
): Promise<string> {
  if (!header) throw new WasmctlError('PermissionDenied', `the registry ${domain} refused access and named no way to authenticate`);
  const challenge = parseChallenge(header);
  if (challenge.scheme === 'bearer') return `Bearer ${await fetchToken(challenge, scope, creds)}`;
  if (challenge.scheme === 'basic' && creds && !creds.identityToken) return basicHeader(creds);
  throw refused();
}
