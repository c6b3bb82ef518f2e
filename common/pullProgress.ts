/**
 * Pure: the engine's pull stream (one JSON message per line: a layer's
 * status and bytes, or an error) folded into what a person watches: each
 * layer's state and bytes, and the whole pull's bytes and percent.
 */

/** One message of the engine's POST /images/create stream. */
export interface PullMessage {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

export interface PullLayer {
  id: string;
  /** The engine's words: Waiting, Downloading, Extracting, Pull complete, Already exists… */
  status: string;
  /** Bytes downloaded of total (null until the engine knows the layer's size). */
  current: number;
  total: number | null;
  done: boolean;
}

export interface PullProgress {
  pullId: number;
  ref: string;
  /** The latest line that is about the whole pull ("Pulling from …", "Digest: …", "Status: Downloaded newer image …"). */
  status: string;
  layers: PullLayer[];
  /** Bytes downloaded and to download, over the layers whose size is known. */
  current: number;
  total: number;
  /** 0-100; 100 once the pull has finished. */
  percent: number;
  finished: boolean;
}

/** More layers than any real image has: a stream claiming more is not followed further. */
export const MAX_LAYERS = 256;

const DONE = /^(Download complete|Pull complete|Already exists|Verifying Checksum|Extracting)/;
const FINISHED = /^(Pull complete|Already exists)/;

export const startPull = (pullId: number, ref: string): PullProgress => ({
  pullId,
  ref,
  status: 'Asking the engine to pull…',
  layers: [],
  current: 0,
  total: 0,
  percent: 0,
  finished: false,
});

/** A layer id is 12 hex digits; anything else with an id is about the whole image (its tag, its name). */
const isLayer = (id: string | undefined): id is string => id !== undefined && /^[0-9a-f]{12}$/.test(id);

export function applyPullMessage(progress: PullProgress, message: PullMessage): PullProgress {
  const status = typeof message.status === 'string' ? message.status.slice(0, 300) : '';
  if (!status) return progress;
  if (!isLayer(message.id)) return { ...progress, status };
  const known = progress.layers.find((layer) => layer.id === message.id);
  if (!known && progress.layers.length >= MAX_LAYERS) return progress;
  const before: PullLayer = known ?? { id: message.id, status, current: 0, total: null, done: false };
  const detail = message.progressDetail ?? {};
  const downloading = status.startsWith('Downloading');
  const total = downloading && Number.isFinite(detail.total) && (detail.total ?? 0) > 0 ? detail.total! : before.total;
  let current = downloading && Number.isFinite(detail.current) ? Math.max(0, detail.current!) : before.current;
  // Past the download, all of it is here (Extracting counts its own bytes, not the download's).
  if (DONE.test(status) && total !== null) current = total;
  const layer: PullLayer = { id: message.id, status, current, total, done: before.done || FINISHED.test(status) };
  const layers = known ? progress.layers.map((l) => (l.id === layer.id ? layer : l)) : [...progress.layers, layer];
  return summed({ ...progress, layers });
}

function summed(progress: PullProgress): PullProgress {
  const sized = progress.layers.filter((l) => l.total !== null);
  const total = sized.reduce((sum, l) => sum + l.total!, 0);
  const current = sized.reduce((sum, l) => sum + Math.min(l.current, l.total!), 0);
  const allDone = progress.layers.length > 0 && progress.layers.every((l) => l.done);
  const percent = allDone ? 100 : total > 0 ? Math.min(99, Math.floor((current / total) * 100)) : 0;
  return { ...progress, current, total, percent };
}

/** The pull is over and the image is on the engine. */
export const finishPull = (progress: PullProgress, status: string): PullProgress => ({
  ...progress,
  status,
  layers: progress.layers.map((l) => ({ ...l, done: true, current: l.total ?? l.current })),
  current: progress.total,
  percent: 100,
  finished: true,
});

/** "12.3 MB", "640 kB", "17 B": bytes as the engine's own progress lines say them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
