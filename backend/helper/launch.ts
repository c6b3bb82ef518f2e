/**
 * Starts the native helper, either as a container through the Docker API
 * (works where the engine is remote or in a VM) or as a local child process
 * (when Dockwire runs as root on the engine's own host).
 *
 * The helper is privileged, so what runs must be exactly Dockwire's binary:
 * its image is recognised by content (its one layer's digest is the digest of
 * the archive Dockwire builds from the binary), never by a tag or label that
 * anyone with the Docker socket can set, and the container is created from
 * that image's id.
 */
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { hostname } from 'node:os';
import { PassThrough, Readable } from 'node:stream';
import type Docker from 'dockerode';
import { HELPER_LABEL, HELPER_OWNER_LABEL } from '../../common/buildTopology.js';
import { HelperClient } from './helperClient.js';
import { singleFileTar, singleFileTarFrame } from './tar.js';

const IMAGE_REPO = 'dockwire-helper';
const HELPER_INSTANCE_LABEL = 'dockwire.helper.instance';
export const ENTRYPOINT = '/dockwire-helper';

/** Bounds on what the helper container may take from the host. */
export const HELPER_LIMITS = { memoryBytes: 256 * 1024 * 1024, pids: 256 };

export interface HelperImage {
  /** The image id (sha256:…) containers are created from. */
  id: string;
  ref: string;
}

export interface LaunchedHelper {
  client: HelperClient;
  /** The container it runs in (null for a local process). */
  containerId: string | null;
  stop(): Promise<void>;
}

export function launchLocal(binaryPath: string): LaunchedHelper {
  const child = spawn(binaryPath, [], { stdio: ['pipe', 'pipe', 'pipe'] }); // spawns: Dockwire's own helper binary
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const client = new HelperClient(child.stdin, child.stdout);
  child.on('exit', (code, signal) => child.stdout.emit('end', new Error(`exited (${signal ?? code})`)));
  return {
    client,
    containerId: null,
    async stop() {
      client.end();
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

interface ImageJson {
  Id: string;
  RootFS?: { Layers?: string[] };
  Config?: { Entrypoint?: string[] | null };
}

/** Whether an image is exactly the helper built from this archive. */
function isHelperImage(image: ImageJson, layer: string): boolean {
  return image.RootFS?.Layers?.length === 1 && image.RootFS.Layers[0] === layer && image.Config?.Entrypoint?.join(' ') === ENTRYPOINT;
}

/** How much of the binary is hashed at a time: its archive is never built just to be hashed. */
const HASH_CHUNK_BYTES = 1024 * 1024;

/**
 * The digest of the binary's one-file archive (the layer `docker import` makes of it), read through one small
 * buffer: building the 5 MB archive to hash it took a cold start 40 ms, most of it the kernel handing over
 * fresh memory.
 */
export function archiveDigest(binaryPath: string): string {
  const fd = openSync(binaryPath, 'r');
  try {
    const { header, trailer } = singleFileTarFrame(ENTRYPOINT.slice(1), fstatSync(fd).size);
    const hash = createHash('sha256').update(header);
    const chunk = Buffer.allocUnsafe(HASH_CHUNK_BYTES);
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) hash.update(chunk.subarray(0, read));
    return `sha256:${hash.update(trailer).digest('hex')}`;
  } finally {
    closeSync(fd);
  }
}

/** The helper's image for this binary: found by content, else imported (no registry). */
export async function ensureHelperImage(docker: Docker, binaryPath: string): Promise<HelperImage> {
  const layer = archiveDigest(binaryPath);
  const ref = `${IMAGE_REPO}:${layer.slice(7, 23)}`;
  const inspect = () => docker.getImage(ref).inspect() as Promise<ImageJson>;
  const existing = await inspect().catch(() => null);
  if (existing && isHelperImage(existing, layer)) return { id: existing.Id, ref };
  // Missing, or something else under our tag: import ours (the tag moves to it).
  const archive = singleFileTar(ENTRYPOINT.slice(1), readFileSync(binaryPath));
  if (`sha256:${createHash('sha256').update(archive).digest('hex')}` !== layer)
    throw new Error(`the helper binary ${binaryPath} changed while Dockwire read it: start again`);
  const options = { repo: IMAGE_REPO, tag: ref.split(':')[1], changes: [`ENTRYPOINT ["${ENTRYPOINT}"]`, `LABEL ${HELPER_LABEL}=1`] };
  const progress = (await docker.importImage(Readable.from([archive]) as never, options as never)) as unknown as NodeJS.ReadableStream;
  await new Promise<void>((resolve, reject) => docker.modem.followProgress(progress, (error) => (error ? reject(error) : resolve())));
  const imported = await inspect();
  if (!isHelperImage(imported, layer)) throw new Error(`the engine's image ${ref} is not the helper Dockwire built (its content differs)`);
  return { id: imported.Id, ref };
}

/** This launch's own id, on the helper it starts: never another process's, whatever machine it runs on. */
const INSTANCE = randomUUID();

/** A helper created and never started for this long was left by a start that died midway. */
export const NEVER_STARTED_MS = 60_000;

/**
 * Removes helper containers left behind (only ones of our image). A helper's heartbeat is its owner's attach:
 * it reads its requests from the stdin its owner holds (StdinOnce), so when its owner goes, even by a crash,
 * its stdin ends, it exits, and Docker removes it. So a running helper has a live owner, on whatever machine,
 * and is never touched here (two machines with one hostname on one remote engine once removed each other's
 * helpers mid-wire, judged by hostname:pid); a stuck one is replaced and removed by its own owner. What is
 * left is a helper that is not running: exited, or created and never started by an owner that died midway.
 */
export async function removeLeftovers(docker: Docker, image: HelperImage, now = Date.now()): Promise<void> {
  const containers = await docker.listContainers({ all: true, filters: { label: [HELPER_OWNER_LABEL] } });
  await Promise.all(
    containers.map(async (container) => {
      if (container.ImageID !== image.id || container.Labels[HELPER_INSTANCE_LABEL] === INSTANCE) return;
      const stale =
        container.State === 'exited' ||
        container.State === 'dead' ||
        (container.State === 'created' && now - container.Created * 1000 > NEVER_STARTED_MS);
      if (!stale) return;
      await docker
        .getContainer(container.Id)
        .remove({ force: true })
        .catch(() => {});
    }),
  );
}

/** The helper container's HostConfig. */
export function helperHostConfig() {
  // Least privilege rather than --privileged: entering another namespace needs
  // SYS_ADMIN (setns) and SYS_PTRACE (opening /proc/PID/ns/net); ping needs
  // NET_RAW; wiring by hand needs NET_ADMIN; reading rtnetlink needs nothing.
  // (--privileged also fails on hosts whose own capability set lacks one of
  // the full set.) Bounded memory and pids (threads count), a read-only root,
  // and no way to gain more privileges.
  return {
    CapDrop: ['ALL'],
    CapAdd: ['SYS_ADMIN', 'SYS_PTRACE', 'NET_RAW', 'NET_ADMIN'],
    PidMode: 'host',
    NetworkMode: 'host',
    ReadonlyRootfs: true,
    SecurityOpt: ['no-new-privileges'],
    Memory: HELPER_LIMITS.memoryBytes,
    MemorySwap: HELPER_LIMITS.memoryBytes,
    PidsLimit: HELPER_LIMITS.pids,
    AutoRemove: true,
  };
}

export async function launchInContainer(docker: Docker, image: HelperImage): Promise<LaunchedHelper> {
  const container = await docker.createContainer({
    Image: image.id,
    name: `dockwire-helper-${process.pid}-${Date.now().toString(36)}`,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    OpenStdin: true,
    // Docker closes the helper's stdin when we detach, so it exits and is removed even if we crash.
    StdinOnce: true,
    Tty: false,
    // The owner label is for people (which machine and process); the instance label is what tells launches apart.
    Labels: { [HELPER_LABEL]: '1', [HELPER_OWNER_LABEL]: `${hostname()}:${process.pid}`, [HELPER_INSTANCE_LABEL]: INSTANCE },
    HostConfig: helperHostConfig(),
  });
  const stream = (await container.attach({
    stream: true,
    stdin: true,
    stdout: true,
    stderr: true,
    hijack: true,
  })) as NodeJS.ReadWriteStream;
  const client = clientOver(docker, stream);
  await container.start();
  return {
    client,
    containerId: container.id,
    async stop() {
      client.end();
      await container.remove({ force: true }).catch(() => {});
    },
  };
}

/** A HelperClient over a hijacked attach or exec stream: Docker's frames carry stdout and stderr. */
export function clientOver(docker: Docker, stream: NodeJS.ReadWriteStream): HelperClient {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  docker.modem.demuxStream(stream, stdout, stderr);
  stream.on('end', () => stdout.end());
  stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  return new HelperClient(stream as unknown as NodeJS.WritableStream as never, stdout);
}
