/**
 * Snapshots and pictures in and out of the app: save the Topology as JSON,
 * open a saved one (to look at, or to compare the engine with), and export
 * what the graph shows as PNG or SVG. Files leave as downloads (a save dialog
 * in Electron, see electron/window.ts); files come in through the browser's
 * own file picker and are checked like any snapshot before anything shows them.
 */
import { toPng, toSvg } from 'html-to-image';
import { MAX_SNAPSHOT_BYTES, notASnapshot, parseSnapshot, snapshotFileName } from '../../../common/snapshot';
import type { Topology } from '../../../common/topology';
import { notify } from '../actions/execute';
import { useDockwire } from '../store/store';

export function download(fileName: string, href: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
}

/** The engine's Topology (or, on a snapshot, that snapshot), as `dockwire topology --json` prints it. */
export function saveSnapshot(): void {
  const { view, live } = useDockwire.getState();
  const topology: Topology | null = view.kind === 'snapshot' ? view.snapshot : live;
  if (!topology) return notify('Nothing to save yet: the engine’s networks have not loaded.');
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(topology, null, 2)}\n`], { type: 'application/json' }));
  const name = snapshotFileName(topology);
  download(name, url);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  notify(`Saved ${name}. Open it or compare with it from the Snapshot menu, or run "dockwire diff ${name}".`, 'ok');
}

export function pickSnapshot(purpose: 'open' | 'compare'): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.json,application/json';
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void openSnapshotFile(file, purpose);
  });
  input.click();
}

async function openSnapshotFile(file: File, purpose: 'open' | 'compare'): Promise<void> {
  const state = useDockwire.getState();
  try {
    // Checked before reading: a huge file is refused without holding it in memory.
    if (file.size > MAX_SNAPSHOT_BYTES) throw notASnapshot(file.name, `it is larger than ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB`);
    const snapshot = parseSnapshot(await file.text(), file.name);
    if (purpose === 'open') return state.showSnapshot(snapshot, file.name);
    if (!state.live) return notify('There is no engine to compare with yet: its networks have not loaded.', 'error');
    state.compareWith(snapshot, file.name);
  } catch (error) {
    notify(error instanceof Error ? error.message : String(error), 'error');
  }
}

/** What the canvas shows, as it shows it (frames, cards, wires, labels), without the zoom buttons and minimap. */
export async function exportImage(format: 'png' | 'svg'): Promise<void> {
  const canvas = document.querySelector<HTMLElement>('.react-flow');
  const topology = useDockwire.getState().topology;
  if (!canvas || !topology) return notify('Nothing to export yet: the graph has not been drawn.');
  const chrome = ['react-flow__controls', 'react-flow__minimap', 'drop-hint'];
  const options = {
    width: canvas.clientWidth,
    height: canvas.clientHeight,
    backgroundColor: getComputedStyle(canvas).backgroundColor || '#ffffff',
    // Crisp on a high-density screen: the PNG has the screen's pixels, not CSS pixels.
    pixelRatio: format === 'png' ? window.devicePixelRatio || 1 : 1,
    filter: (node: HTMLElement) => !chrome.some((name) => node.classList?.contains(name)),
  };
  try {
    const url = format === 'png' ? await toPng(canvas, options) : await toSvg(canvas, options);
    download(snapshotFileName(topology, format), url);
  } catch (error) {
    notify(`Could not export the view: ${error instanceof Error ? error.message : String(error)}`, 'error');
  }
}
