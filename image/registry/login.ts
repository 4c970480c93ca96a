import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { WasmctlError } from '../../common/index.js';
import { answerChallenge } from './auth.js';
import { registryBase } from './client.js';
import { type Credentials, DOCKER_HUB_KEY, dockerConfigDir, hostOfKey } from './credentials.js';

const serverKey = (domain: string) => (domain === 'docker.io' ? DOCKER_HUB_KEY : domain);

type DockerConfig = Record<string, unknown> & {
  auths?: Record<string, unknown>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
};

async function readConfig(path: string): Promise<DockerConfig> {
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return '{}';
    throw err;
  });
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as DockerConfig;
  } catch {
    // fall through to the error below
  }
  throw new WasmctlError('DataLoss', `${path} is not a JSON object`, {
    hint: 'fix or move the file; wasmctl keeps every other setting in it',
  });
}

/** Rewrites docker's config keeping every other key; 0600, as docker writes it (it holds secrets). */
async function writeConfig(path: string, config: DockerConfig): Promise<void> {
  await mkdir(dockerConfigDir(), { recursive: true, mode: 0o700 });
  const temp = `${path}.tmp-${process.pid}`;
  // Created here, never reused: a temp file a crash left would keep its old, maybe looser, mode.
  await rm(temp, { force: true });
  await writeFile(temp, `${JSON.stringify(config, null, '\t')}\n`, { mode: 0o600, flag: 'wx' });
  await rename(temp, path);
}

async function runHelper(helper: string, action: 'store' | 'erase', input: string): Promise<void> {
  const program = `docker-credential-${helper}`;
  const result = await execa(program, [action], { input, reject: false });
  if (result.failed) {
    const why =
      String(result.stderr || result.stdout || result.shortMessage)
        .trim()
        .split('\n')[0] ?? '';
    throw new WasmctlError('FailedPrecondition', `credential helper ${program} ${action} failed${why ? `: ${why}` : ''}`);
  }
}

/** `docker login`'s check: GET /v2/, answer the challenge with the credentials, GET /v2/ again. */
async function verify(domain: string, creds: Credentials, plainHttp: boolean): Promise<void> {
  const url = new URL('/v2/', registryBase(domain, plainHttp));
  const get = (headers: Record<string, string> = {}) =>
    fetch(url, { headers }).catch((err: Error) => {
      throw new WasmctlError(
        'Unavailable',
        `cannot reach registry ${url.host}: ${(err.cause as Error | undefined)?.message ?? err.message}`,
      );
    });
  const first = await get();
  if (first.status !== 401) return;
  const refused = () => new WasmctlError('PermissionDenied', `login to ${domain} failed: the registry refused the credentials`);
  const authorization = await answerChallenge(domain, first.headers.get('www-authenticate') ?? undefined, [], creds, refused);
  const second = await get({ authorization });
  if (second.status === 401 || second.status === 403) throw refused();
}

/** Checks the credentials against the registry, then stores them as docker does (a helper if one is configured). */
export async function login(domain: string, creds: Credentials, options: { plainHttp?: boolean } = {}): Promise<string> {
  await verify(domain, creds, options.plainHttp ?? false);
  const path = join(dockerConfigDir(), 'config.json');
  const config = await readConfig(path);
  const key = serverKey(domain);
  const helper = config.credHelpers?.[domain] ?? config.credsStore;
  if (helper) {
    await runHelper(helper, 'store', JSON.stringify({ ServerURL: key, Username: creds.username, Secret: creds.password }));
    config.auths = { ...config.auths, [key]: {} };
  } else {
    config.auths = { ...config.auths, [key]: { auth: Buffer.from(`${creds.username}:${creds.password}`).toString('base64') } };
  }
  await writeConfig(path, config);
  return path;
}

/** Removes the registry's entries (every spelling of its host) and the helper's copy. False when there was none. */
export async function logout(domain: string): Promise<boolean> {
  const path = join(dockerConfigDir(), 'config.json');
  const config = await readConfig(path);
  const host = hostOfKey(serverKey(domain));
  const keys = Object.keys(config.auths ?? {}).filter((k) => hostOfKey(k) === host);
  const helper = config.credHelpers?.[domain] ?? config.credsStore;
  if (helper) await runHelper(helper, 'erase', serverKey(domain));
  if (keys.length === 0) return Boolean(helper);
  for (const key of keys) delete config.auths?.[key];
  await writeConfig(path, config);
  return true;
}
