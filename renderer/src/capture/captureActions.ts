/** Starting, stopping and saving the capture the panel shows (one at a time). */
import { pcapHeader, pcapRecord } from '../../../common/pcap';
import { notify } from '../actions/execute';
import { client } from '../client/instance';
import { containerNodeId } from '../layout/ids';
import { download } from '../snapshots/files';
import { useDockwire } from '../store/store';
import { useCapture, type CaptureTarget } from './captureStore';

/** A random id: each tab's captures come as events to every tab, told apart by it. */
const newCaptureId = () => 1 + Math.floor(Math.random() * (2 ** 31 - 2));

/** Starts (or restarts, with the panel's filter) the capture of the panel's target. */
export async function startCapture(): Promise<void> {
  const state = useCapture.getState();
  if (!state.target) return;
  if (state.running && state.captureId !== null) await stopCapture();
  const captureId = newCaptureId();
  state.starting(captureId);
  try {
    const started = await client().startCapture({
      captureId,
      container: state.target.containerId,
      ...(state.target.iface ? { iface: state.target.iface } : {}),
      ...(state.filter.trim() ? { filter: state.filter.trim() } : {}),
    });
    useCapture.getState().started(captureId, { containerName: started.containerName, ifname: started.ifname, snaplen: started.snaplen });
  } catch (error) {
    useCapture.getState().failed(error instanceof Error ? error.message : String(error));
  }
}

export async function stopCapture(): Promise<void> {
  const { captureId, running } = useCapture.getState();
  if (captureId === null || !running) return;
  await client()
    .stopCapture({ captureId })
    .catch(() => {});
}

/** Opens the panel on a container's interface and starts capturing at once. */
export function openCapture(target: CaptureTarget): void {
  void stopCapture();
  useCapture.getState().open(target);
  // The panel takes the bottom of the window: bring the container into view if it went under.
  useDockwire.getState().requestFit([containerNodeId(target.containerId)], true);
  void startCapture();
}

/** Closing the panel stops its capture: nothing runs that no one looks at. */
export function closeCapture(): void {
  void stopCapture();
  useCapture.getState().close();
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
