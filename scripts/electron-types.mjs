// The type declarations of the Electron that desktop/ pins, for the type check: Electron itself is
// installed only with the desktop tooling (desktop/package.json: it needs Node 22.12+), while the
// type check runs everywhere the tests do. Its one file of declarations is taken from the registry's
// tarball, checked against desktop/package-lock.json's integrity, and kept under node_modules/.cache.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const locked = JSON.parse(readFileSync(join(root, 'desktop/package-lock.json'), 'utf8')).packages['node_modules/electron'];
const dir = join(root, 'node_modules/.cache/dockwire-electron-types');
const declarations = join(dir, 'electron.d.ts');
const stamp = join(dir, 'version');

if (existsSync(declarations) && existsSync(stamp) && readFileSync(stamp, 'utf8') === locked.version) process.exit(0);

const work = mkdtempSync(join(tmpdir(), 'dockwire-electron-types-'));
try {
  execFileSync('npm', ['pack', `electron@${locked.version}`, '--silent', '--pack-destination', work], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tarball = join(
    work,
    readdirSync(work).find((name) => name.endsWith('.tgz')),
  );
  const [algorithm, expected] = locked.integrity.split(/-(.*)/s);
  const actual = createHash(algorithm).update(readFileSync(tarball)).digest('base64');
  if (actual !== expected)
    throw new Error(`electron@${locked.version} from the registry does not match desktop/package-lock.json's integrity`);
  execFileSync('tar', ['-xzf', tarball, '-C', work, 'package/electron.d.ts']);
  mkdirSync(dir, { recursive: true });
  writeFileSync(declarations, readFileSync(join(work, 'package/electron.d.ts')));
  writeFileSync(stamp, locked.version);
} finally {
  rmSync(work, { recursive: true, force: true });
}
