/**
 * Where a running Dockwire (the app, or `dockwire serve`) answers this user's CLI from its live model: one
 * Unix socket per engine, in a folder only this user can enter. The folder's permissions are the whole of
 * the authentication (no token, so nothing secret in any argv): the folder must be ours, a real folder
 * (not a link someone else planted), and closed to everyone else, or it is not used at all.
 */
import { lstatSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folder: $XDG_RUNTIME_DIR/dockwire (a per-user tmpfs) when there is one, else /tmp/dockwire-UID. */
export function privateSocketDir(env: Record<string, string | undefined>, uid: number): string {
  const runtime = env.XDG_RUNTIME_DIR;
  return runtime && runtime.startsWith('/') ? join(runtime, 'dockwire') : join(tmpdir(), `dockwire-${uid}`);
}

/**
 * The socket for one engine, named by a hash of its URL (short: a socket's path must fit in 108 bytes).
 * FNV-1a, not a cryptographic hash: loading node:crypto would cost the warm CLI a tenth of its budget, and
 * a clash is harmless (the answer names its engine, and the CLI checks it).
 */
export function warmSocketPath(dir: string, engineUrl: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(engineUrl, 'utf8')) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return join(dir, `${hash.toString(16).padStart(16, '0')}.sock`);
}

/** Why this folder may not be trusted, or null when it is ours alone. */
export function untrustedReason(dir: string, uid: number): string | null {
  let stat;
  try {
    stat = lstatSync(dir);
  } catch {
    return `${dir} does not exist`;
  }
  if (!stat.isDirectory()) return `${dir} is not a folder`;
  if (stat.uid !== uid) return `${dir} belongs to uid ${stat.uid}, not ${uid}`;
  if ((stat.mode & 0o077) !== 0) return `${dir} is open to others (mode ${(stat.mode & 0o777).toString(8)})`;
  return null;
}

/** Makes the folder (mode 0700) if it is not there; throws, saying why, when what is there cannot be trusted. */
export function ensurePrivateSocketDir(dir: string, uid: number): void {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const reason = untrustedReason(dir, uid);
  if (reason) throw new Error(`will not answer the CLI through ${dir}: ${reason}`);
}
