import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprint, keyType, verifyHostKey } from './knownHosts';

/** An ed25519 public key as ssh puts it on the wire and in known_hosts. */
function ed25519Key(): Buffer {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const field = (data: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, data.length]), data]);
  return Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]);
}

const key = ed25519Key();
const other = ed25519Key();
const line = (hosts: string, k: Buffer, marker = '') => `${marker ? `${marker} ` : ''}${hosts} ssh-ed25519 ${k.toString('base64')} comment`;
const files = (...lines: string[]) => [{ path: '/home/u/.ssh/known_hosts', text: `# a comment\n\n${lines.join('\n')}\n` }];

function hashed(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('known_hosts', () => {
  it('accepts the listed key for a plain name, a [host]:port name, a hashed name and a wildcard', () => {
    expect(verifyHostKey(files(line('engine.example', key)), 'engine.example', 22, key)).toEqual({ ok: true });
    expect(verifyHostKey(files(line('[127.0.0.1]:2222', key)), '127.0.0.1', 2222, key)).toEqual({ ok: true });
    expect(verifyHostKey(files(line(hashed('[10.0.0.5]:2200'), key)), '10.0.0.5', 2200, key)).toEqual({ ok: true });
    expect(verifyHostKey(files(line('*.lab,!bad.lab', key)), 'box.lab', 22, key)).toEqual({ ok: true });
  });

  it('refuses an unknown host with the fingerprint and the command that adds it', () => {
    const verdict = verifyHostKey(files(line('elsewhere', key)), '127.0.0.1', 2222, key);
    expect(verdict).toMatchObject({ ok: false, reason: 'unknown' });
    expect(!verdict.ok && verdict.message).toContain(fingerprint(key));
    expect(!verdict.ok && verdict.message).toContain('ssh-keyscan -p 2222 127.0.0.1 >> ~/.ssh/known_hosts');
    expect(verifyHostKey(files(line('*.lab,!bad.lab', key)), 'bad.lab', 22, key)).toMatchObject({ ok: false, reason: 'unknown' });
    expect(verifyHostKey([], 'engine.example', 22, key)).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('refuses a changed key, naming the line that expects the old one and how to remove it', () => {
    const verdict = verifyHostKey(files(line('engine.example', other)), 'engine.example', 22, key);
    expect(verdict).toMatchObject({ ok: false, reason: 'changed' });
    expect(!verdict.ok && verdict.message).toContain(`expects ${fingerprint(other)}`);
    expect(!verdict.ok && verdict.message).toContain('/home/u/.ssh/known_hosts line 3');
    expect(!verdict.ok && verdict.message).toContain("ssh-keygen -R 'engine.example'");
  });

  it('refuses a key marked @revoked even if also listed', () => {
    expect(verifyHostKey(files(line('engine.example', key), line('*', key, '@revoked')), 'engine.example', 22, key)).toMatchObject({
      ok: false,
      reason: 'revoked',
    });
  });

  it('reads the key type and prints fingerprints as ssh does', () => {
    expect(keyType(key)).toBe('ssh-ed25519');
    expect(fingerprint(key)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
});
