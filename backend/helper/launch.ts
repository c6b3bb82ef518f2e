/**
 * Starts the native helper, either as a container through the
 * Docker API (works where the engine is remote or in a VM) or as a local
 * child process (when Dockwire runs as root on the engine's own host).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { PassThrough, Readable } from 'node:stream';
import type Docker from 'dockerode';
import { HelperClient } from './helperClient.js';
import { singleFileTar } from './tar.js';

export { HELPER_LABEL };

import { HELPER_LABEL } from '../../common/buildTopology.js';
const OWNER_LABEL = 'dockwire.helper.owner';
const IMAGE_REPO = 'dockwire-helper';

export interface LaunchedHelper {
  client: HelperClient;
  stop(): Promise<void>;
}

export function launchLocal(binaryPath: string): LaunchedHelper {
  const child = spawn(binaryPath, [], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const client = new HelperClient(child.stdin, child.stdout);
  child.on('exit', (code, signal) => child.stdout.emit('end', new Error(`exited (${signal ?? code})`)));
  return {
    client,
    async stop() {
      client.end();
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
}

/** Imports the binary as a one-file image (no registry), unless an image of these exact bytes exists. */
export async function ensureHelperImage(docker: Docker, binaryPath: string): Promise<string> {
  const binary = readFileSync(binaryPath);
  const tag = createHash('sha256').update(binary).digest('hex').slice(0, 16);
  const image = `${IMAGE_REPO}:${tag}`;
  try {
    await docker.getImage(image).inspect();
    return image;
  } catch {
    // not there yet: import it
  }
  const archive = Readable.from([singleFileTar('dockwire-helper', binary)]);
  const options = { repo: IMAGE_REPO, tag, changes: ['ENTRYPOINT ["/dockwire-helper"]', `LABEL ${HELPER_LABEL}=1`] };
  const progress = (await docker.importImage(archive as never, options as never)) as unknown as NodeJS.ReadableStream;
  await new Promise<void>((resolve, reject) => docker.modem.followProgress(progress, (error) => (error ? reject(error) : resolve())));
  return image;
}

/** Removes helper containers left by Dockwire processes of this machine that are gone (a crash). */
export async function removeLeftovers(docker: Docker): Promise<void> {
  const containers = await docker.listContainers({ all: true, filters: { label: [HELPER_LABEL] } });
  await Promise.all(
    containers.map(async (container) => {
      const [host, pidText] = (container.Labels[OWNER_LABEL] ?? '').split(':');
      if (host !== hostname() || processAlive(Number(pidText))) return;
      await docker.getContainer(container.Id).remove({ force: true }).catch(() => {});
    }),
  );
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function launchInContainer(docker: Docker, image: string): Promise<LaunchedHelper> {
  const container = await docker.createContainer({
    Image: image,
    name: `dockwire-helper-${process.pid}-${Date.now().toString(36)}`,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    OpenStdin: true,
    // Docker closes the helper's stdin when we detach, so it exits and is removed even if we crash.
    StdinOnce: true,
    Tty: false,
    Labels: { [HELPER_LABEL]: '1', [OWNER_LABEL]: `${hostname()}:${process.pid}` },
    // Least privilege rather than --privileged: entering another namespace needs
    // SYS_ADMIN (setns) and SYS_PTRACE (opening /proc/PID/ns/net); ping needs
    // NET_RAW; wiring by hand needs NET_ADMIN; reading rtnetlink needs nothing.
    // (--privileged also fails on hosts whose own capability set lacks one of
    // the full set.)
    HostConfig: {
      CapDrop: ['ALL'],
      CapAdd: ['SYS_ADMIN', 'SYS_PTRACE', 'NET_RAW', 'NET_ADMIN'],
      PidMode: 'host',
      NetworkMode: 'host',
      ReadonlyRootfs: true,
      AutoRemove: true,
    },
  });
  const stream = (await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true })) as NodeJS.ReadWriteStream;
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  docker.modem.demuxStream(stream, stdout, stderr);
  stream.on('end', () => stdout.end());
  stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  await container.start();
  const client = new HelperClient(stream as unknown as NodeJS.WritableStream as never, stdout);
  return {
    client,
    async stop() {
      client.end();
      await container.remove({ force: true }).catch(() => {});
    },
  };
}
