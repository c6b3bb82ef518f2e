/**
 * Registry credentials from where the Docker CLI keeps them, for a pull:
 * `credHelpers[registry]`, else `credsStore` (a `docker-credential-<name>`
 * program, asked with its documented protocol: `get`, the server URL on
 * stdin, `{"Username","Secret"}` on stdout), else `auths[registry]` in the
 * Docker config. Run only here in the backend, never in the privileged helper;
 * the program is run directly (no shell), with a deadline and bounded output.
 */
import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DOCKER_HUB } from '../../common/imageRef.js';

/** What the engine's API takes as X-Registry-Auth. */
export type AuthConfig = { username: string; password: string; serveraddress: string } | { identitytoken: string; serveraddress: string };

export interface RegistryAuth {
  auth: AuthConfig | null;
  /** Where credentials were looked for, in words an error can quote. */
  lookedIn: string;
}

export interface AuthInputs {
  env: Record<string, string | undefined>;
  readFile: (path: string) => string | null;
  /** Runs a credential helper: its stdout, or an error. */
  runHelper?: (program: string, stdin: string) => Promise<string>;
  home?: string;
}

/** Docker Hub's credentials are kept under its old index URL. */
const HUB_KEYS = ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'https://docker.io'];
const serverKeys = (registry: string) => (registry === DOCKER_HUB ? HUB_KEYS : [registry, `https://${registry}`, `http://${registry}`]);

const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const HELPER_TIMEOUT_MS = 10_000;
const HELPER_MAX_BYTES = 64 * 1024;

/** Found on the backend's PATH, as the Docker CLI finds it on the shell's. */
function runCredentialHelper(program: string, stdin: string, env: Record<string, string | undefined>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      program,
      ['get'],
      { timeout: HELPER_TIMEOUT_MS, maxBuffer: HELPER_MAX_BYTES, encoding: 'utf8', env },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${program}: ${(stderr || stdout || error.message).trim().slice(0, 300)}`)) : resolve(stdout),
    );
    child.stdin?.end(stdin);
  });
}

export async function registryAuth(registry: string, inputs: AuthInputs): Promise<RegistryAuth> {
  const configPath = join(inputs.env.DOCKER_CONFIG || join(inputs.home ?? homedir(), '.docker'), 'config.json');
  const text = inputs.readFile(configPath);
  if (text === null) return { auth: null, lookedIn: `${configPath} (not there)` };
  let config: {
    auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
    credsStore?: string;
    credHelpers?: Record<string, string>;
  };
  try {
    config = JSON.parse(text.slice(0, 1024 * 1024)) as typeof config;
  } catch {
    return { auth: null, lookedIn: `${configPath} (not valid JSON)` };
  }
  const keys = serverKeys(registry);
  const helperName = keys.map((key) => config.credHelpers?.[key]).find(Boolean) ?? config.credsStore;
  if (typeof helperName === 'string' && helperName) {
    const program = `docker-credential-${helperName}`;
    if (!HELPER_NAME.test(helperName))
      return { auth: null, lookedIn: `${configPath} (credential helper "${helperName}" has an impossible name)` };
    const lookedIn = `${program} (named in ${configPath})`;
    try {
      const run = inputs.runHelper ?? ((name: string, stdin: string) => runCredentialHelper(name, stdin, inputs.env));
      const out = await run(program, keys[0]!);
      const { Username, Secret } = JSON.parse(out) as { Username?: unknown; Secret?: unknown };
      if (typeof Username !== 'string' || typeof Secret !== 'string') return { auth: null, lookedIn };
      return {
        auth:
          Username === '<token>'
            ? { identitytoken: Secret, serveraddress: keys[0]! }
            : { username: Username, password: Secret, serveraddress: keys[0]! },
        lookedIn,
      };
    } catch (error) {
      // "credentials not found" is the helper's answer for a registry it has nothing for.
      return { auth: null, lookedIn: `${lookedIn}: ${(error as Error).message}` };
    }
  }
  const entry = keys.map((key) => config.auths?.[key]).find((e) => e !== undefined);
  const lookedIn = `auths in ${configPath}`;
  if (!entry) return { auth: null, lookedIn: `${lookedIn} (nothing for ${registry})` };
  if (typeof entry.identitytoken === 'string' && entry.identitytoken)
    return { auth: { identitytoken: entry.identitytoken, serveraddress: keys[0]! }, lookedIn };
  let [username, password] = [entry.username, entry.password];
  if (typeof entry.auth === 'string' && entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) [username, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  }
  if (typeof username !== 'string' || typeof password !== 'string')
    return { auth: null, lookedIn: `${lookedIn} (an entry for ${registry} without a user and password)` };
  return { auth: { username, password, serveraddress: keys[0]! }, lookedIn };
}
