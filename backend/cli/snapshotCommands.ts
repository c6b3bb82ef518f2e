/**
 * The commands about whole Topologies:
 *   dockwire topology [--format tree|json|mermaid|dot] [--json] [--timings]   (--json is --format json)
 *   dockwire diff OLD.json [NEW.json] [--json]                      (without NEW: the live engine)
 * diff exits 0 when nothing changed, 1 when something did, 2 when a file is not a snapshot.
 */
import type { Topology } from '../../common/topology.js';
import { diffTopologies, formatDiff } from '../../common/topologyDiff.js';
import { readSnapshotFile } from '../snapshotFile.js';
import { parseCommand } from './args.js';
import { cliBackend } from './cliBackend.js';
import { engineChoices, type EngineChoice } from '../config.js';
import { readHosts } from './manyHosts.js';
import { formatHostsTree } from './formatTree.js';
import { StageTimings, type Timings } from '../util/stageTimings.js';
import { TOPOLOGY_FORMATS } from './topologyFormats.js';
import { UsageError, type Outcome } from './outcome.js';

const FORMATS = TOPOLOGY_FORMATS;

async function liveTopology(timings?: Timings): Promise<Topology> {
  const backend = cliBackend({ kernelView: true, timings });
  try {
    return await (timings?.time('the first Topology, all of it', () => backend.handlers.getTopology({})) ??
      backend.handlers.getTopology({}));
  } finally {
    await backend.stop();
  }
}

export async function topologyCommand(args: string[]): Promise<Outcome> {
  const { values } = parseCommand(
    args,
    {
      format: { type: 'string' },
      timings: { type: 'boolean' },
      fresh: { type: 'boolean' },
      context: { type: 'string', multiple: true },
      host: { type: 'string', multiple: true },
    },
    [],
  );
  const format = (values.format as string | undefined) ?? (values.json ? 'json' : 'tree');
  if (!Object.hasOwn(FORMATS, format)) throw new UsageError(`--format takes ${Object.keys(FORMATS).join(', ')}, not "${format}"`);
  if (values.json && format !== 'json') throw new UsageError(`--json prints JSON: it cannot go with --format ${format}`);
  const engines = engineChoices(args);
  if (engines.length > 0) return hostsCommand(engines, format, Boolean(values.timings));
  // --timings: where the time went, on stderr (stdout stays the document alone).
  const timings = values.timings ? new StageTimings() : undefined;
  timings?.record('node: start, load dockwire', 0);
  try {
    const topology = await liveTopology(timings);
    // With --json the document is printed from the object; its text is made once, there.
    const text = values.json
      ? ''
      : (timings?.timeSync(`format as ${format}`, () => FORMATS[format]!(topology)) ?? FORMATS[format]!(topology));
    return { ok: true, result: topology, text, ...(values.json ? { document: topology } : {}) };
  } finally {
    // A read that fails (an engine that does not answer in time) is where the timings matter most.
    if (timings) console.error(timings.report());
  }
}

/** Several engines named (--context, --host): each one's Topology, or why it could not be read; exit 1 if any could not. */
async function hostsCommand(engines: EngineChoice[], format: string, timings: boolean): Promise<Outcome> {
  if (format !== 'tree' && format !== 'json') {
    throw new UsageError(`--format ${format} draws one engine: with --context or --host, use --format tree or json`);
  }
  if (timings) throw new UsageError('--timings times one engine: leave out --context and --host (or name the engine with DOCKER_CONTEXT)');
  const document = await readHosts(engines);
  const ok = document.hosts.every((host) => host.state === 'live');
  return { ok, result: document, text: format === 'tree' ? formatHostsTree(document) : '', ...(format === 'json' ? { document } : {}) };
}

export async function diffCommand(args: string[]): Promise<Outcome> {
  const { positionals } = parseCommand(args, {}, expectedFiles(args));
  const [oldPath, newPath] = positionals as [string, string | undefined];
  const before = await readSnapshotFile(oldPath);
  const after = newPath === undefined ? await liveTopology() : await readSnapshotFile(newPath);
  const diff = diffTopologies(before, after);
  const text = formatDiff(diff, { from: oldPath, to: newPath ?? `the engine at ${after.engine.endpoint}` });
  return { ok: diff.equal, result: diff, text };
}

/** diff takes one file (compared with the engine) or two: what parseCommand expects, named for its usage error. */
function expectedFiles(args: string[]): string[] {
  const files = args.filter((arg) => !arg.startsWith('--'));
  return files.length === 2 ? ['OLD.json', 'NEW.json'] : ['OLD.json [NEW.json]'];
}
