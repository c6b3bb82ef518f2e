/**
 * The kept helper container, for one-shot commands (the CLI): the first command starts a container whose
 * only process waits (`--keep SECONDS`), and every command runs the helper in it with `docker exec`, so a
 * command pays for a process, not for a container's create and start (~0.5 s on a busy engine). The
 * container leaves by itself once no command has used it for its idle time (../../native-helper/keep.go).
 *
 * It grants nothing new: it is the same image, privileges and bounds as the helper a command would start,
 * and a `docker exec` into it needs the same Docker socket that starting one does. It is found by a name made
 * from the image's content, and used only when it runs exactly that image with a keeper's command: a
 * container of another image under that name is left alone, and the command starts its own helper.
 */
import type Docker from 'dockerode';
import { hostname } from 'node:os';
import { HELPER_LABEL, HELPER_OWNER_LABEL } from '../../common/buildTopology.js';
import { MAX_KEEP_SECONDS } from '../config.js';
import { clientOver, ENTRYPOINT, HELPER_LIMITS, helperHostConfig, type HelperImage, type LaunchedHelper } from './launch.js';

export const HELPER_KEPT_LABEL = 'dockwire.helper.kept';
/** The kept container's bounds: those of one helper's container, for a few commands at once. */
export const KEPT_LIMITS = { memoryBytes: 2 * HELPER_LIMITS.memoryBytes, pids: 4 * HELPER_LIMITS.pids };
/** The keeper's tmpfs (its root is read-only): where helpers tell it they are in use. */
const KEEP_DIR = '/run/dockwire';

interface KeptJson {
  Id: string;
  Image: string;
  State?: { Running?: boolean };
  Path?: string;
  Args?: string[];
}

export function keptName(image: HelperImage): string {
  return `dockwire-helper-kept-${image.ref.split(':')[1]}`;
}

async function inspectNamed(docker: Docker, name: string): Promise<KeptJson | null> {
  return (docker.getContainer(name).inspect() as Promise<KeptJson>).catch((error: { statusCode?: number }) => {
    if (error.statusCode === 404) return null;
    throw error;
  });
}

/** The keeper's idle seconds when the container is this image's keeper; null when it is anything else. */
function keeperIdle(json: KeptJson, image: HelperImage): number | null {
  if (json.Image !== image.id || json.Path !== ENTRYPOINT || json.Args?.length !== 2 || json.Args[0] !== '--keep') return null;
  const seconds = Number(json.Args[1]);
  return Number.isInteger(seconds) && seconds >= 1 && seconds <= MAX_KEEP_SECONDS ? seconds : null;
}

/** This image's kept container, made and started if need be. */
async function ensureKept(docker: Docker, image: HelperImage, keepSeconds: number): Promise<{ id: string; idleSeconds: number }> {
  const name = keptName(image);
  let json = await inspectNamed(docker, name);
  if (!json) {
    await docker
      .createContainer({
        name,
        Image: image.id,
        Cmd: ['--keep', String(keepSeconds)],
        Labels: { [HELPER_LABEL]: '1', [HELPER_OWNER_LABEL]: `${hostname()}:${process.pid} (kept)`, [HELPER_KEPT_LABEL]: '1' },
        HostConfig: {
          ...helperHostConfig(),
          // Several commands may run their helpers in it at once: room for a few, still bounded.
          Memory: KEPT_LIMITS.memoryBytes,
          MemorySwap: KEPT_LIMITS.memoryBytes,
          PidsLimit: KEPT_LIMITS.pids,
          Tmpfs: { [KEEP_DIR]: 'rw,noexec,nosuid,nodev,size=64k,mode=700' },
        },
      })
      // 409: another command made it a moment ago; it is used as it is.
      .catch((error: { statusCode?: number }) => {
        if (error.statusCode !== 409) throw error;
      });
    json = await inspectNamed(docker, name);
    if (!json) throw new Error(`${name} was removed as it was made`);
  }
  const idleSeconds = keeperIdle(json, image);
  if (idleSeconds === null) throw new Error(`the container named ${name} is not Dockwire's kept helper: left alone`);
  if (!json.State?.Running)
    // Made and not yet started (by this command, or one that stopped midway); 304: another command started it.
    await docker
      .getContainer(json.Id)
      .start()
      .catch((error: { statusCode?: number }) => {
        if (error.statusCode !== 304) throw error;
      });
  return { id: json.Id, idleSeconds };
}

/**
 * A helper run in this image's kept container. It exits when its stdin ends, as a command's own helper does;
 * the container stays for the next command. Whoever calls this checks the first answer: a keeper may have
 * reached its idle time just as the command came.
 */
export async function launchKept(docker: Docker, image: HelperImage, keepSeconds: number): Promise<LaunchedHelper> {
  const kept = await ensureKept(docker, image, keepSeconds);
  const exec = await docker.getContainer(kept.id).exec({
    Cmd: [ENTRYPOINT, '--kept', String(kept.idleSeconds)],
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
  });
  const stream = (await exec.start({ hijack: true, stdin: true })) as unknown as NodeJS.ReadWriteStream;
  const client = clientOver(docker, stream);
  return {
    client,
    containerId: kept.id,
    async stop() {
      client.end();
    },
  };
}
