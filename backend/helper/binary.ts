/** Where the built helper binaries are, and which one an engine needs. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GOARCH: Record<string, string> = { x86_64: 'amd64', amd64: 'amd64', x64: 'amd64', aarch64: 'arm64', arm64: 'arm64' };

/** Go's name for an architecture as Docker (x86_64, aarch64) or Node (x64, arm64) says it. */
export function goArch(arch: string): string | null {
  return GOARCH[arch] ?? null;
}

/** dist/helper beside the bundled backend (dist/backend/cli.cjs), or under dist/ when run from sources (tests). */
export function helperDir(): string {
  // Bundled as CommonJS for Electron's main process (__dirname), as ESM for the CLI (import.meta).
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  // In a packaged app the binaries are unpacked beside the archive (asarUnpack): app.asar.unpacked/dist/helper.
  const unpacked = here.replace(/app\.asar([/\\])/, 'app.asar.unpacked$1');
  const candidates = [join(unpacked, '..', 'helper'), join(here, '..', 'helper'), join(here, '..', '..', 'dist', 'helper')];
  const holdsHelper = (dir: string) => ['amd64', 'arm64'].some((arch) => existsSync(join(dir, `dockwire-helper-linux-${arch}`)));
  return candidates.find(holdsHelper) ?? candidates[0]!;
}

export function helperBinary(arch: string): { path: string } | { missing: string } {
  const go = goArch(arch);
  if (!go) return { missing: `no helper is built for the ${arch} architecture` };
  const path = join(helperDir(), `dockwire-helper-linux-${go}`);
  if (!existsSync(path)) return { missing: `the helper binary ${path} is not built (it needs Go: npm run build:helper)` };
  return { path };
}
