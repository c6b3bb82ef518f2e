/**
 * `dockwire pull <ref> [--json]`: pulls an image as the Run dialog does (credentials from the
 * Docker config), showing its progress: a bar redrawn in place on a terminal, plain lines when not
 * (one per layer state change), and only the final object with --json. Ctrl-C cancels the pull.
 */
import { formatBytes, type PullProgress } from '../../common/pullProgress.js';
import { parseImageRef } from '../../common/imageRef.js';
import { parseCommand } from './args.js';
import { cliBackend } from './cliBackend.js';
import { UsageError, type Outcome } from './outcome.js';
import { printable } from '../../common/printable.js';

const BAR_WIDTH = 30;

export async function pullCommand(args: string[]): Promise<Outcome> {
  const { values, positionals } = parseCommand(args, {}, ['<image>']);
  const ref = positionals[0]!;
  try {
    parseImageRef(ref);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const backend = cliBackend({ kernelView: false });
  const show = values.json ? () => {} : process.stderr.isTTY ? barOnTerminal() : plainLines();
  const stopFollowing = backend.on('pullProgress', show);
  const pullId = 1;
  const cancel = () => void backend.handlers.cancelPull({ pullId });
  process.once('SIGINT', cancel);
  try {
    const result = await backend.handlers.pullImage({ ref, pullId });
    const text = result.alreadyPresent
      ? `${result.image} is on the engine already (${result.id.slice(0, 19)}).`
      : `Pulled ${result.image} (${result.id.slice(0, 19)}).`;
    return { ok: true, result, text };
  } finally {
    process.removeListener('SIGINT', cancel);
    stopFollowing();
    await backend.stop();
  }
}

/** On a terminal: one line redrawn in place, the whole image's bar, bytes and the newest layer state. */
function barOnTerminal() {
  return (progress: PullProgress) => {
    const filled = Math.round((progress.percent / 100) * BAR_WIDTH);
    const bytes = progress.total > 0 ? ` ${formatBytes(progress.current)}/${formatBytes(progress.total)}` : '';
    const layers = `${progress.layers.filter((l) => l.done).length}/${progress.layers.length} layers`;
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${String(progress.percent).padStart(3)}%${bytes} ${layers}\x1b[K`,
    );
    if (progress.finished) process.stderr.write('\n');
  };
}

/** Not a terminal (a log, a pipe): a line when a layer's state changes, and the whole image's percent with it. */
function plainLines() {
  const said = new Map<string, string>();
  return (progress: PullProgress) => {
    for (const layer of progress.layers) {
      const state = layer.status.split(' ')[0] === 'Downloading' ? 'Downloading' : layer.status;
      if (said.get(layer.id) === state) continue;
      said.set(layer.id, state);
      // A registry's words: shown, never obeyed by the terminal.
      console.log(printable(`${layer.id}: ${layer.status}${layer.total ? ` (${formatBytes(layer.total)})` : ''}  [${progress.percent}%]`));
    }
    if (progress.finished) console.log(printable(`${progress.status}  [100%]`));
  };
}
