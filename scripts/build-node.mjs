// Bundles the Node side: the CLI/server, and Electron's main and preload.
// npm packages stay external (installed beside dist/); our own code is inlined.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: ['backend/cli/main.ts'], outfile: 'dist/backend/cli.js', format: 'esm', packages: 'external' }),
  // CommonJS for Electron's main; the backend code it includes falls back to
  // __dirname where it would use import.meta (see backend/helper/binary.ts).
  build({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: 'dist/electron/main.cjs',
    format: 'cjs',
    packages: 'external',
    logOverride: { 'empty-import-meta': 'silent' },
  }),
  build({ ...common, entryPoints: ['scripts/bench.ts'], outfile: 'dist/bench/bench.js', format: 'esm', packages: 'external' }),
  // A sandboxed preload may require only 'electron': everything else is inlined.
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] }),
]);
