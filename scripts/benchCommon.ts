/** What the bench's parts share: running a program, the private engine's docker, the image and label of what they make, a median. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export const run = promisify(execFile);
/** Everything the bench makes carries it, so cleanup finds it all. */
export const LABEL = 'dockwire.bench=1';
export const IMAGE = 'dockwire-test/busybox:2';
export const docker = async (...args: string[]) => (await run('docker', args, { maxBuffer: 64 * 1024 * 1024 })).stdout.trim();
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
