/**
 * The `dockwire` command as the bench runs it: one whole process at a time (start, facts, print, stop), Node
 * alone beside it, and the stages its --timings report, as a table of medians.
 */
import { parseTimingsReport, type Stage } from '../backend/util/stageTimings';
import { median, run } from './benchCommon';

/** `dockwire topology --json` as a whole process (start, facts, print, stop), and where its time went (--timings). */
export async function cliOnce(
  args: string[] = ['--fresh'],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ ms: number; stages: Stage[]; stderr: string }> {
  const started = performance.now();
  const { stderr } = await run(process.execPath, ['bin/dockwire.js', 'topology', '--json', '--timings', ...args], {
    maxBuffer: 256 * 1024 * 1024,
    env,
  });
  return { ms: performance.now() - started, stages: parseTimingsReport(stderr), stderr };
}

/**
 * Node starting and ending with nothing to do: the floor under any `dockwire` command, and most of a warm one.
 * In the same environment as the CLI's runs: a NODE_EXTRA_CA_CERTS, for one, is read at every start (40 ms here).
 */
export async function nodeAloneOnce(): Promise<number> {
  const started = performance.now();
  await run(process.execPath, ['-e', '0']);
  return performance.now() - started;
}

/**
 * Each stage's median start and duration over several runs, as a table. Stages are matched by name with their
 * counts as N: how many namespaces the read beside the inspects took, and so how many were left, varies by run.
 */
export function stagesTable(runs: Stage[][]): string {
  const key = (stage: Stage) => stage.name.replace(/\d+/g, 'N');
  const names = [...new Set(runs.flatMap((stages) => stages.map(key)))];
  const rows = names.map((name) => {
    const seen = runs.map((stages) => stages.find((stage) => key(stage) === name)).filter((stage): stage is Stage => Boolean(stage));
    const start = median(seen.map((stage) => stage.startMs));
    return { name, start, duration: median(seen.map((stage) => stage.endMs - stage.startMs)) };
  });
  return [
    '| stage (cold, --timings) | starts at | takes |',
    '|---|---:|---:|',
    ...rows.sort((a, b) => a.start - b.start).map((row) => `| ${row.name} | ${row.start.toFixed(0)} ms | ${row.duration.toFixed(0)} ms |`),
  ].join('\n');
}
