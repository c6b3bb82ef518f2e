// Lint, and the shape of the code: which globals each layer may use, and which
// folders may import which, inside layers as well as between them.
//
//   common/    the pure layer: contract, Topology, builder. No Node, no DOM, no other layer.
//   backend/   plain Node, never Electron or the renderer. Inside it, lowest first:
//                util/                       small tools, nothing else of backend
//                engine/, helper/, kernel/   Docker, the native helper, /proc (side by side: they do not import each other)
//                live/                       the live Topology, from engine + helper + kernel
//                changes/, probes/, traffic/ what users ask for, on engine + helper (not live)
//                backend.ts, config.ts       the composition
//                server/, cli/               the hosts of a backend
//   renderer/  the browser: only common/ of ours. Inside it, lowest first:
//                client/, util/             the transports; small DOM tools. Nothing else of the renderer.
//                layout/                    pure: where things go, node ids, what the filter shows
//                snapshots/                 pure: the live Topology marked against a snapshot
//                store/                     state, and its subscription layer (the one reader of the backend)
//                actions/                   the registry: decide (pure) and perform (./perform.ts, the one
//                                           other caller of the backend)
//                the views                  graph, inspector, dialogs, menus, palette, connectivity,
//                                           components, keys, capture: each on its own, never importing
//                                           another view; they act only through actions/
//                App, main                  the composition
//              Type-only imports are free (they make no runtime dependency).
//   electron/  the thin shell: may host the backend, never the renderer.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
// TypeScript sees every global of every environment; these say which a layer may really use.
const browserOnly = Object.keys(globals.browser).filter((name) => !(name in globals.node) && !(name in globals.es2022));
const nodeOnly = Object.keys(globals.node).filter((name) => !(name in globals.browser) && !(name in globals.es2022));
const noGlobals = (names, where) => ({
  'no-restricted-globals': ['error', ...names.map((name) => ({ name, message: `${name} does not exist in ${where}.` }))],
});
const uiLibraries = ['react', 'react-dom', '@xyflow/react', 'zustand'];

/**
 * One no-restricted-imports rule: packages and builtins by exact name (a pattern
 * like "inspector" would also match our own folders), our folders by pattern.
 */
function restrict({ names = [], folders = [], message }) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: names.map((name) => ({ name, message })),
        patterns: folders.length ? [{ group: folders, message, allowTypeImports: true }] : [],
      },
    ],
  };
}

const backendWall = { names: ['electron', ...uiLibraries], folders: ['**/renderer/**', '**/electron/**'] };
// The renderer's views: everything above actions/. Each matched wherever it is imported from (views nest folders).
const viewFolders = ['graph', 'inspector', 'dialogs', 'menus', 'palette', 'connectivity', 'components', 'keys', 'capture'];
const folder = (name) => `**/${name}/**`;
const views = [...viewFolders.map(folder), '**/App'];
// What a view may not reach past the registry for: it runs actions by id, it does not carry them out itself.
const actionInternals = ['perform', 'engineRuns', 'changes', 'files', 'subjectActions', 'globalActions', 'panelActions'].map(
  (name) => `**/actions/${name}`,
);
const rendererWall = { names: [...nodeBuiltins, 'electron', 'dockerode', 'ws'], folders: ['**/backend/**', '**/electron/**'] };

/**
 * A folder of a layer that may not import the listed folders (uphill or sideways), on top of the layer's walls.
 * Unit tests are held to the layer's walls only: a test may put several floors together to check them as one.
 */
const inside = (files, wall, uphill, message) => {
  const tests = files
    .filter((pattern) => /\*\.\{?[a-z,]+\}?$/.test(pattern))
    .map((pattern) => pattern.replace(/\*\.\{?[a-z,]+\}?$/, '*.test.ts'));
  return [
    { files, rules: restrict({ names: wall.names, folders: [...wall.folders, ...uphill], message }) },
    ...(tests.length ? [{ files: tests, rules: restrict({ ...wall, message }) }] : []),
  ];
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'native-helper/**', 'e2e/artifacts/**', 'test-results/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },

  // The globals each place may use.
  { files: ['common/**/*.ts'], languageOptions: { globals: { ...globals.es2022 } } },
  {
    files: ['backend/**/*.ts', 'electron/**/*.ts', 'scripts/**/*.{ts,mjs,js}', 'bin/**/*.js', 'tests/**/*.ts', '*.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  { files: ['renderer/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['renderer/src/**/*.worker.ts'], languageOptions: { globals: { ...globals.worker } } },
  // CommonJS stand-ins bundled into the CLI (scripts/shims), and the command itself (bin/package.json: it starts faster so).
  {
    files: ['scripts/**/*.cjs', 'bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // e2e specs run in Node and hand functions to the page.
  { files: ['e2e/**/*.ts'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  // Unit tests beside pure code run in Node.
  { files: ['common/**/*.test.ts', 'renderer/**/*.test.ts'], languageOptions: { globals: { ...globals.node } } },
  {
    files: ['common/**/*.ts'],
    ignores: ['common/**/*.test.ts'],
    rules: noGlobals([...browserOnly, ...nodeOnly], 'common/ (pure: it runs in Node and in the browser)'),
  },
  { files: ['backend/**/*.ts', 'electron/**/*.ts'], rules: noGlobals(browserOnly, 'the backend (plain Node)') },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.ts'],
    rules: noGlobals(nodeOnly, 'the renderer (a sandboxed browser page)'),
  },

  {
    files: ['common/**/*.ts'],
    ignores: ['common/**/*.test.ts'],
    rules: restrict({
      names: [...nodeBuiltins, 'electron', 'dockerode', 'ws', ...uiLibraries],
      folders: ['**/backend/**', '**/renderer/**', '**/electron/**', '**/tests/**'],
      message: 'common/ is the pure layer: no Node, Electron or UI libraries, and no other layer of Dockwire.',
    }),
  },

  // backend/, lowest first.
  ...inside(['backend/**/*.ts'], backendWall, [], 'backend/ is plain Node: it must run without Electron and knows nothing of the UI.'),
  ...inside(
    ['backend/util/**/*.ts'],
    backendWall,
    [
      '../engine/*',
      '../helper/*',
      '../kernel/*',
      '../live/*',
      '../changes/*',
      '../probes/*',
      '../traffic/*',
      '../server/*',
      '../cli/*',
      '../backend.js',
      '../config.js',
    ],
    'backend/util/ is the bottom of the backend: it imports nothing else of it.',
  ),
  ...inside(
    ['backend/engine/**/*.ts', 'backend/kernel/**/*.ts'],
    backendWall,
    ['../helper/*', '../live/*', '../changes/*', '../probes/*', '../traffic/*', '../server/*', '../cli/*', '../backend.js'],
    'engine/ and kernel/ talk to Docker and /proc: nothing above them.',
  ),
  ...inside(
    ['backend/helper/**/*.ts'],
    backendWall,
    ['../engine/*', '../live/*', '../changes/*', '../probes/*', '../traffic/*', '../server/*', '../cli/*', '../backend.js'],
    'helper/ runs the native helper: it does not reach into the engine or anything above it.',
  ),
  ...inside(
    ['backend/live/**/*.ts'],
    backendWall,
    ['../changes/*', '../probes/*', '../traffic/*', '../server/*', '../cli/*', '../backend.js'],
    'live/ builds the Topology from the engine and the helper; changes, probes and hosts sit above it.',
  ),
  ...inside(
    ['backend/changes/**/*.ts', 'backend/probes/**/*.ts', 'backend/traffic/**/*.ts'],
    backendWall,
    ['../live/*', '../server/*', '../cli/*', '../backend.js'],
    'changes/, probes/ and traffic/ act through the engine and the helper, on a Topology they are given.',
  ),

  // renderer/, lowest first.
  ...inside(
    ['renderer/src/**/*.{ts,tsx}'],
    rendererWall,
    [],
    'renderer/ talks to the backend only through the contract client; it imports common/ and UI libraries only.',
  ),
  ...inside(
    ['renderer/src/client/**/*.ts', 'renderer/src/util/**/*.ts'],
    rendererWall,
    ['client', 'util', 'layout', 'snapshots', 'store', 'actions'].map(folder).concat(views),
    'client/ and util/ are the bottom of the renderer: they import nothing else of it.',
  ),
  ...inside(
    ['renderer/src/layout/**/*.ts'],
    rendererWall,
    ['client', 'snapshots', 'store', 'actions'].map(folder).concat(views),
    'layout/ is pure: where things go on the graph, from a Topology; no state, no actions, no views.',
  ),
  ...inside(
    ['renderer/src/snapshots/**/*.ts'],
    rendererWall,
    ['client', 'store', 'actions'].map(folder).concat(views),
    'snapshots/ is pure: a Topology marked against a snapshot; no state, no actions, no views.',
  ),
  ...inside(
    ['renderer/src/store/**/*.ts'],
    rendererWall,
    ['client', 'actions'].map(folder).concat(views),
    'store/ holds state and subscribes to the backend with the client it is given; actions and views sit above it.',
  ),
  ...inside(
    ['renderer/src/actions/**/*.ts'],
    rendererWall,
    ['client'].map(folder).concat(views),
    'actions/ decide and carry out; views call them, not the other way round; only perform.ts calls the backend.',
  ),
  ...inside(
    ['renderer/src/actions/perform.ts'],
    rendererWall,
    views,
    'actions/ decide and carry out; views call them, not the other way round.',
  ),
  ...viewFolders.flatMap((view) =>
    inside(
      [`renderer/src/${view}/**/*.{ts,tsx}`],
      rendererWall,
      [folder('client'), ...actionInternals, ...views.filter((other) => other !== folder(view))],
      `${view}/ is a view: it reads the store and acts through actions/registry, never through another view or the client.`,
    ),
  ),
  ...inside(
    ['electron/**/*.ts'],
    { names: uiLibraries, folders: ['**/renderer/**'] },
    [],
    'electron/ is the shell: it never imports the renderer.',
  ),

  { files: ['renderer/src/**/*.tsx', 'renderer/src/**/use*.ts'], ...reactHooks.configs.flat.recommended },
);
