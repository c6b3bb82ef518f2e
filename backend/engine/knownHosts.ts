/**
 * Checks an ssh:// engine's host key against known_hosts, as ssh does, so
 * Dockwire never talks to a machine that merely claims to be the engine.
 * Pure: the files' text is passed in. Understands plain, [host]:port, wildcard
 * (* ?), negated (!) and hashed (|1|salt|hash) host patterns, and @revoked;
 * @cert-authority lines are not used (a plain key must be listed).
 */
import { createHash, createHmac } from 'node:crypto';

export type HostKeyVerdict = { ok: true } | { ok: false; reason: 'unknown' | 'changed' | 'revoked'; message: string };

interface KnownHostLine {
  file: string;
  line: number;
  marker: string | null;
  patterns: string[];
  key: Buffer;
}

/** How ssh names a host in known_hosts: the bare name on port 22, else [host]:port. */
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** The key's type, read from its SSH wire-format blob (a length-prefixed string first). */
export function keyType(key: Buffer): string {
  if (key.length < 4) return 'unknown';
  const length = key.readUInt32BE(0);
  return length > 0 && length < 64 && key.length >= 4 + length ? key.subarray(4, 4 + length).toString('latin1') : 'unknown';
}

/** SHA256:base64 without padding, as ssh prints it. */
export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

export function parseKnownHosts(file: string, text: string): KnownHostLine[] {
  const lines: KnownHostLine[] = [];
  text.split('\n').forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (!fields[0] || fields[0].startsWith('#')) return;
    const marker = fields[0].startsWith('@') ? fields.shift()! : null;
    const [patterns, , base64] = fields;
    if (!patterns || !base64) return;
    const key = Buffer.from(base64, 'base64');
    if (!key.length) return;
    lines.push({ file, line: index + 1, marker, patterns: patterns.split(','), key });
  });
  return lines;
}

function globMatches(pattern: string, name: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return regex.test(name);
}

function hashedMatches(pattern: string, name: string): boolean {
  const [, magic, salt, hash] = pattern.split('|');
  if (magic !== '1' || !salt || !hash) return false;
  return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
}

/** A line applies when one of its patterns matches the name and none of its negated ones does. */
function lineMatches(line: KnownHostLine, name: string): boolean {
  let matched = false;
  for (const pattern of line.patterns) {
    if (pattern.startsWith('!')) {
      if (globMatches(pattern.slice(1), name)) return false;
    } else if (pattern.startsWith('|') ? hashedMatches(pattern, name) : globMatches(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

export function verifyHostKey(files: Array<{ path: string; text: string }>, host: string, port: number, key: Buffer): HostKeyVerdict {
  const name = knownHostName(host, port);
  const lines = files.flatMap((file) => parseKnownHosts(file.path, file.text)).filter((line) => lineMatches(line, name));
  const type = keyType(key);
  const print = fingerprint(key);
  if (lines.some((line) => line.marker === '@revoked' && line.key.equals(key))) {
    return {
      ok: false,
      reason: 'revoked',
      message: `The host key of ${name} (${type} ${print}) is marked @revoked in known_hosts: Dockwire will not connect to it.`,
    };
  }
  const plain = lines.filter((line) => line.marker === null);
  if (plain.some((line) => line.key.equals(key))) return { ok: true };
  const sameType = plain.find((line) => keyType(line.key) === type);
  if (sameType) {
    return {
      ok: false,
      reason: 'changed',
      message:
        `The host key of ${name} has CHANGED: it now presents ${type} ${print}, but ${sameType.file} line ${sameType.line} expects ${fingerprint(sameType.key)}. ` +
        `Someone may be intercepting the connection, or the host was reinstalled. If you know why it changed: ssh-keygen -R '${name}', then add the new key.`,
    };
  }
  const portFlag = port === 22 ? '' : `-p ${port} `;
  return {
    ok: false,
    reason: 'unknown',
    message:
      `The authenticity of host ${name} can't be established: it presents ${type} ${print}, which is not in known_hosts. ` +
      `Check that fingerprint with the host's owner, then add it: ssh-keyscan ${portFlag}${host} >> ~/.ssh/known_hosts (or connect once with: ssh ${portFlag}${host}).`,
  };
}
