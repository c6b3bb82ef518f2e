/** Reading a snapshot file from disk, bounded in size: for `dockwire diff` and `dockwire serve --snapshot`. */
import { open } from 'node:fs/promises';
import { MAX_SNAPSHOT_BYTES, notASnapshot, parseSnapshot, SnapshotError } from '../common/snapshot.js';
import type { Topology } from '../common/topology.js';

export async function readSnapshotFile(path: string): Promise<Topology> {
  let text: string;
  try {
    const file = await open(path, 'r');
    try {
      const { size, isFile } = await file.stat().then((s) => ({ size: s.size, isFile: s.isFile() }));
      if (!isFile) throw new SnapshotError(`${path} is not a file`);
      if (size > MAX_SNAPSHOT_BYTES) throw notASnapshot(path, `it is larger than ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB`);
      text = await file.readFile({ encoding: 'utf8' });
    } finally {
      await file.close();
    }
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new SnapshotError(`cannot read ${path}: ${why}`);
  }
  return parseSnapshot(text, path);
}
