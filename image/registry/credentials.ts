import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { z } from 'zod';
import { WasmctlError } from '../../common/index.js';
import { parseImageJson } from '../blob-copy.js';

export interface Credentials {
  username: string;
  password: string;
  /** An OAuth2 refresh token (`docker login` against some registries) instead of a password. */
  identityToken?: string;
}

const DockerConfigSchema = z.object({
  auths: z
    .record(
      z.string(),
      z.object({
        auth: z.string().optional(),
        username: z.string().optional(),
        password: z.string().optional(),
        identitytoken: z.string().optional(),
      }),
    )
    .optional(),
  credHelpers: z.record(z.string(), z.string()).optional(),
  credsStore: z.string().optional(),
});

const HelperOutputSchema = z.object({ Username: z.string(), Secret: z.string() });

export const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';

/** `auths` keys are written many ways (`host`, `https://host`, `https://host/v1/`): compare hosts. */
export const hostOfKey = (key: string): string => key.replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '');

async function fromHelper(helper: string, serverUrl: string): Promise<Credentials | undefined> {
  const program = `docker-credential-${helper}`;
  const result = await execa(program, ['get'], { input: serverUrl, reject: false });
  if (result.code === 'ENOENT') {
    throw new WasmctlError(
      'FailedPrecondition',
      `credential helper ${program} (named for ${serverUrl} in the docker config) is not on PATH`,
      {
        hint: `install ${program}, or remove "${helper}" from credHelpers/credsStore in $DOCKER_CONFIG/config.json`,
      },
    );
  }
  if (result.failed) {
    // Helpers answer "credentials not found" with a non-zero exit: that is "no credentials".
    if (/not found/i.test(`${result.stdout}${result.stderr}`)) return undefined;
    const why =
      String(result.stderr || result.stdout || result.shortMessage)
        .trim()
        .split('\n')[0] ?? '';
    throw new WasmctlError('PermissionDenied', `credential helper ${program} failed for ${serverUrl}${why ? `: ${why}` : ''}`);
  }
  const out = parseImageJson(result.stdout, HelperOutputSchema, `the output of credential helper ${program}`);
  return out.Username === '<token>'
    ? { username: '', password: '', identityToken: out.Secret }
    : { username: out.Username, password: out.Secret };
}

/** $DOCKER_CONFIG, else ~/.docker: where docker's config.json is. */
export const dockerConfigDir = (): string => process.env.DOCKER_CONFIG || join(homedir(), '.docker');

/** Credentials for a registry host from $DOCKER_CONFIG/config.json or ~/.docker/config.json. */
export async function credentialsFor(domain: string): Promise<Credentials | undefined> {
  const path = join(dockerConfigDir(), 'config.json');
  const text = await readFile(path).catch(() => undefined);
  if (!text) return undefined;
  const config = parseImageJson(text, DockerConfigSchema, path);
  const serverUrl = domain === 'docker.io' ? DOCKER_HUB_KEY : domain;
  const host = hostOfKey(serverUrl);
  const helper = config.credHelpers?.[domain] ?? config.credHelpers?.[serverUrl];
  if (helper) return fromHelper(helper, serverUrl);
  const entry = Object.entries(config.auths ?? {}).find(([key]) => hostOfKey(key) === host)?.[1];
  if (entry?.identitytoken) return { username: '', password: '', identityToken: entry.identitytoken };
  if (entry?.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString();
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new WasmctlError('InvalidArgument', `${path}: the auth entry for ${domain} is not base64 user:password`);
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry?.username && entry.password) return { username: entry.username, password: entry.password };
  if (config.credsStore) return fromHelper(config.credsStore, serverUrl);
  return undefined;
}
