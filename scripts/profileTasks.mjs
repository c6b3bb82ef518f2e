#!/usr/bin/env node
/**
 * What runs in a page's long tasks: reads a CPU profile (.cpuprofile, as `BENCH_PROFILE=FILE npm run bench`
 * writes one) and, for every stretch of the main thread busy longer than MIN ms (default 40), prints the
 * functions that took its time, inclusive and self. Built with `vite build --minify false`, the names are the
 * source's.
 *
 *   node scripts/profileTasks.mjs FILE [MIN]
 */
import { readFileSync } from 'node:fs';

const [file, minArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/profileTasks.mjs FILE.cpuprofile [MIN_MS]');
  process.exit(2);
}
const MIN_MS = Number(minArg ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

const idle = (id) => byId.get(id).callFrame.functionName === '(idle)';
const label = (id) => {
  const { functionName, url, lineNumber } = byId.get(id).callFrame;
  const where = url ? `${url.split('/').pop()}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
};

// Busy stretches: consecutive samples that are not idle.
const stretches = [];
let current = null;
let at = profile.startTime;
profile.samples.forEach((id, index) => {
  const dt = profile.timeDeltas[index + 1] ?? 0;
  if (idle(id)) {
    current = null;
  } else {
    if (!current) stretches.push((current = { start: at, ms: 0, samples: [] }));
    current.ms += dt / 1000;
    current.samples.push({ id, dt });
  }
  at += profile.timeDeltas[index] ?? 0;
});

const top = (map, n) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => `    ${(us / 1000).toFixed(1).padStart(6)} ms  ${name}`)
    .join('\n');

for (const stretch of stretches.filter((s) => s.ms >= MIN_MS)) {
  const inclusive = new Map();
  const self = new Map();
  for (const { id, dt } of stretch.samples) {
    self.set(label(id), (self.get(label(id)) ?? 0) + dt);
    const seen = new Set();
    for (let node = id; node !== undefined; node = parentOf.get(node)) {
      const name = label(node);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + dt);
    }
  }
  console.log(`\nbusy ${stretch.ms.toFixed(1)} ms at +${((stretch.start - profile.startTime) / 1000).toFixed(0)} ms`);
  console.log('  inclusive:\n' + top(inclusive, 30));
  console.log('  self:\n' + top(self, 15));
}
