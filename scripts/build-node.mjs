// Bundles the Node side: the CLI/server, and Electron's main and preload.
// npm packages stay external (installed beside dist/); our own code is inlined.
import { build } from 'esbuild';

/** Swaps modules no command needs for stand-ins (see scripts/shims/). */
const shims = {
  name: 'dockwire-shims',
  setup(build) {
    const shim = (name) => ({ path: new URL(`./shims/${name}`, import.meta.url).pathname });
    build.onResolve({ filter: /^@grpc\/(grpc-js|proto-loader)$/ }, () => shim('no-grpc.cjs'));
    build.onResolve({ filter: /^\.\/ssh$/ }, (args) => (args.importer.includes('docker-modem') ? shim('lazy-ssh.cjs') : undefined));
  },
};

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  // The CLI (and browser mode) start in a fraction of a second: its packages are bundled in (one file to
  // load, not hundreds), with what no command uses left out or loaded on first use (./shims).
  build({
    ...common,
    entryPoints: ['backend/cli/main.ts'],
    outfile: 'dist/backend/cli.cjs',
    format: 'cjs',
    external: ['ssh2', 'cpu-features', 'bufferutil', 'utf-8-validate', 'docker-modem/lib/ssh.js'],
    logOverride: { 'empty-import-meta': 'silent' },
    plugins: [shims],
  }),
  // The warm path of `dockwire topology` (backend/cli/warmTopology.ts): small, so that asking a running Dockwire
  // costs no load of the whole CLI.
  build({ ...common, entryPoints: ['backend/cli/warmTopology.ts'], outfile: 'dist/backend/warm.cjs', format: 'cjs' }),
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
