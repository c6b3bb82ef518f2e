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
const require = createRequire(import.meta.url);
// `dockwire topology` is first asked of a Dockwire that already follows the engine (the app or serve), through
// a small bundle of its own: answered from its live model, the command never loads the whole CLI.
const args = process.argv.slice(2);
const warm = new URL('../dist/backend/warm.cjs', import.meta.url);
const answered =
  args[0] === 'topology' &&
  !args.includes('--fresh') &&
  existsSync(warm) &&
  (await require(fileURLToPath(warm)).answeredWarm(args.slice(1)));
// Loaded with require, not import: importing CommonJS makes Node scan the whole bundle for its exports first.
if (!answered) require(fileURLToPath(cli));
