// Lint, plus the import boundaries that keep the layers honest:
//   common/   the pure layer: contract, Topology, builder. Imports no Node, Electron or UI library.
//   backend/  plain Node: never Electron, never the renderer.
//   renderer/ the UI: only common/ of ours; no Node, no backend, no Electron.
//   electron/ the thin shell: may host the backend, never imports the renderer.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
// Packages and builtins by exact name (a pattern like "inspector" would also match our own folders);
// our own layers by folder pattern.
const restrict = ({ names = [], folders = [] }, message) => ({
  'no-restricted-imports': [
    'error',
    { paths: names.map((name) => ({ name, message })), patterns: folders.length ? [{ group: folders, message }] : [] },
  ],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'native-helper/**', 'e2e/artifacts/**', 'test-results/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['common/**/*.ts'],
    ignores: ['common/**/*.test.ts'],
    rules: restrict(
      {
        names: [...nodeBuiltins, 'electron', 'dockerode', 'ws', 'react', 'react-dom', '@xyflow/react', 'zustand'],
        folders: ['**/backend/**', '**/renderer/**', '**/electron/**'],
      },
      'common/ is the pure layer: no Node, Electron or UI libraries, and no other layer of Dockwire.',
    ),
  },
  {
    files: ['backend/**/*.ts'],
    rules: restrict(
      { names: ['electron', 'react', 'react-dom', '@xyflow/react', 'zustand'], folders: ['**/renderer/**', '**/electron/**'] },
      'backend/ is plain Node: it must run without Electron and knows nothing of the UI.',
    ),
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    rules: restrict(
      { names: [...nodeBuiltins, 'electron', 'dockerode', 'ws'], folders: ['**/backend/**', '**/electron/**'] },
      'renderer/ talks to the backend only through the contract client; it imports common/ and UI libraries only.',
    ),
  },
  {
    files: ['electron/**/*.ts'],
    rules: restrict(
      { names: ['react', 'react-dom', '@xyflow/react', 'zustand'], folders: ['**/renderer/**'] },
      'electron/ is the shell: it never imports the renderer.',
    ),
  },
);
