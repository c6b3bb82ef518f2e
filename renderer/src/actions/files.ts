/**
 * Files in and out of the app: save the Topology as JSON, open a saved one (to
 * look at, or to compare the engine with), export what the graph shows as PNG
 * or SVG, and save a capture's packets as pcap. Files leave as downloads (a save dialog
 * in Electron, see electron/window.ts); files come in through the browser's
 * own file picker and are checked like any snapshot before anything shows them.
 */
import { toPng, toSvg } from 'html-to-image';
import { MAX_SNAPSHOT_BYTES, notASnapshot, parseSnapshot, snapshotFileName } from '../../../common/snapshot';
import type { Topology } from '../../../common/topology';
import { pcapHeader, pcapRecord } from '../../../common/pcap';
import { useCapture } from '../store/captureStore';
import { notify } from '../store/notify';
import { useDockwire } from '../store/store';
import { download } from '../util/download';

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

/** The packets kept (the newest, up to the panel's bound) as a pcap file, for Wireshark or tcpdump -r. */
export function savePcap(): void {
  const { rows, on, forgotten } = useCapture.getState();
  if (!on || rows.length === 0) return notify('No packets to save yet.');
  const parts: BlobPart[] = [
    pcapHeader(on.snaplen) as BlobPart,
    ...rows.map((row) => pcapRecord(row.timeUs, row.length, row.data) as BlobPart),
  ];
  const url = URL.createObjectURL(new Blob(parts, { type: 'application/vnd.tcpdump.pcap' }));
  const name = `${on.containerName}-${on.ifname}-${new Date().toISOString().replace(/[:.]/g, '-')}.pcap`;
  download(name, url);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  notify(
    `Saved ${rows.length} packets to ${name}${forgotten ? ` (the first ${forgotten} were let go to keep the page small)` : ''}.`,
    'ok',
  );
}
