#!/usr/bin/env node
// The `dockwire` command. The TypeScript is bundled into dist/ by `npm run build`
// (run by `npm ci`/`npm install` through the prepare script).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/backend/cli.cjs', import.meta.url);
if (!existsSync(cli)) {
  console.error('dockwire: not built yet; run `npm run build` in the Dockwire folder first');
  process.exit(1);
}
// Loaded with require, not import: importing CommonJS makes Node scan the whole bundle for its exports first.
createRequire(import.meta.url)(fileURLToPath(cli));
