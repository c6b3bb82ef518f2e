/**
 * The helper's image is recognised by the digest of its one-file archive, so the digest hashed straight from the
 * binary must be the digest of the archive `docker import` is given, for any size of file, and that archive a
 * tar that gives the binary back.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { archiveDigest } from './launch.js';
import { singleFileTar } from './tar.js';

const dir = mkdtempSync(join(tmpdir(), 'dockwire-tar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the helper binary as a one-file archive', () => {
  // Empty, within one block, on a block's edge, across the hashing buffer's edge.
  for (const size of [0, 1, 511, 512, 513, 1024 * 1024, 1024 * 1024 + 3, 2 * 1024 * 1024 + 512]) {
    it(`of ${size} bytes: the digest read in chunks is the archive's, and tar gives the file back`, () => {
      const binary = join(dir, `binary-${size}`);
      const content = randomBytes(size);
      writeFileSync(binary, content);
      const archive = singleFileTar('dockwire-helper', content);
      expect(archive.length % 512).toBe(0);
      expect(archiveDigest(binary)).toBe(`sha256:${createHash('sha256').update(archive).digest('hex')}`);
      const out = mkdtempSync(join(dir, 'out-'));
      writeFileSync(join(out, 'archive.tar'), archive);
      execFileSync('tar', ['-xf', 'archive.tar'], { cwd: out });
      expect(readFileSync(join(out, 'dockwire-helper')).equals(content)).toBe(true);
      expect(statSync(join(out, 'dockwire-helper')).mode & 0o777).toBe(0o755);
    });
  }

  it('a different binary has a different digest', () => {
    const one = join(dir, 'one');
    const other = join(dir, 'other');
    writeFileSync(one, Buffer.from('helper one'));
    writeFileSync(other, Buffer.from('helper two'));
    expect(archiveDigest(one)).not.toBe(archiveDigest(other));
  });
});
