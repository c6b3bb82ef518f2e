#!/usr/bin/env node
// The `dockwire` command. The TypeScript is bundled into dist/ by `npm run build`
// (run by `npm ci`/`npm install` through the prepare script).
// CommonJS (bin/package.json says so), not an ES module: Node starts an ES module entry about 40 ms
// slower on this kind of machine, a third of what a warm `dockwire topology` may take in all.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '../dist/backend/cli.cjs');
if (!existsSync(cli)) {
  console.error('dockwire: not built yet; run `npm run build` in the Dockwire folder first');
  process.exit(1);
}
// `dockwire topology` is first asked of a Dockwire that already follows the engine (the app or serve), through
// a small bundle of its own: answered from its live model, the command never loads the whole CLI.
const args = process.argv.slice(2);
const warm = join(__dirname, '../dist/backend/warm.cjs');
const askWarm = args[0] === 'topology' && !args.includes('--fresh') && existsSync(warm);
void (askWarm ? require(warm).answeredWarm(args.slice(1)) : Promise.resolve(false)).then((answered) => {
  if (!answered) require(cli);
});
