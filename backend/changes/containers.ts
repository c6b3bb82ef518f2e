/**
 * Run a container in any network mode, and start/stop/restart/remove one. A container that cannot start is removed
 * again; one that started is never removed for a later failure (it is there: that is reported). Remove stops a
 * running container first with Docker's grace period (SIGTERM, then SIGKILL when it runs out), as `docker stop`.
 */
import type Docker from 'dockerode';
import type { ContainerActionParams, ImageInfo } from '../../common/contract.js';
import { findContainer, findNetwork, mustFind } from '../../common/resolve.js';
import type { RunSpec } from '../../common/specs.js';
import type { Topology } from '../../common/topology.js';
import { dockerRunCommand } from '../../common/equivalentCommands.js';
import { validateRun } from '../../common/validateRun.js';
import { invalid, refused } from '../engine/refusal.js';
import { isNotFound } from '../engine/engineErrors.js';

export async function listImages(docker: Docker, endpointUrl: string): Promise<ImageInfo[]> {
  try {
    const images = await docker.listImages();
    return images
      .map((image) => ({ id: image.Id, tags: (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>'), size: image.Size }))
      .filter((image) => !image.tags.some((tag) => tag.startsWith('dockwire-helper:')))
      .sort((a, b) => (a.tags[0] ?? '~').localeCompare(b.tags[0] ?? '~'));
  } catch (error) {
    throw refused(error, endpointUrl);
  }
}

export async function runContainer(
  docker: Docker,
  topology: Topology,
  spec: RunSpec,
): Promise<{ id: string; name: string; command: string }> {
  const problems = validateRun(spec, topology);
  if (problems.length) throw invalid(problems);
  if (!(await hasImage(docker, spec.image, topology.engine.endpoint))) {
    throw invalid([
      {
        field: 'image',
        message: `No image "${spec.image}" on this engine: pull it first (the Run dialog pulls it for you; or dockwire pull ${spec.image}).`,
      },
    ]);
  }
  let created: Docker.Container | null = null;
  try {
    created = await docker.createContainer(createOptions(spec, topology));
    await created.start();
  } catch (error) {
    const rolledBack: string[] = [];
    if (created) {
      // Created but could not start (a taken port, say): leave nothing behind.
      await created
        .remove({ force: true })
        .then(() => rolledBack.push('removed the container that could not start'))
        .catch(() => rolledBack.push('could not remove the container that failed to start'));
    }
    throw refused(error, topology.engine.endpoint, rolledBack);
  }
  // It runs: whatever happens now, it stays. Its name is Docker's choice when none was given; if that cannot be read, its id says which.
  const name = await created
    .inspect()
    .then((json) => (json as { Name: string }).Name.replace(/^\//, ''))
    .catch(() => spec.name ?? created.id.slice(0, 12));
  return { id: created.id, name, command: dockerRunCommand(spec) };
}

async function hasImage(docker: Docker, image: string, endpointUrl: string): Promise<boolean> {
  try {
    await docker.getImage(image).inspect();
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw refused(error, endpointUrl);
  }
}

function createOptions(spec: RunSpec, topology: Topology): Docker.ContainerCreateOptions {
  const mode = spec.networkMode;
  const networkName = mode.kind === 'network' ? (findNetwork(topology, mode.network)?.name ?? mode.network) : null;
  const networkMode =
    mode.kind === 'network'
      ? networkName!
      : mode.kind === 'container'
        ? `container:${findContainer(topology, mode.container)?.id ?? mode.container}`
        : mode.kind;
  const exposed: Record<string, object> = {};
  const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const port of spec.ports ?? []) {
    const key = `${port.containerPort}/${port.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: port.hostIp ?? '', HostPort: String(port.hostPort) });
  }
  return {
    Image: spec.image,
    ...(spec.name ? { name: spec.name } : {}),
    ...(spec.command?.length ? { Cmd: spec.command } : {}),
    Labels: spec.labels ?? {},
    ExposedPorts: exposed,
    HostConfig: {
      NetworkMode: networkMode,
      PortBindings: bindings,
      ...(spec.dns?.length ? { Dns: spec.dns } : {}),
      ...(spec.dnsSearch?.length ? { DnsSearch: spec.dnsSearch } : {}),
      ...(spec.extraHosts?.length ? { ExtraHosts: spec.extraHosts } : {}),
    },
    ...(networkName ? { NetworkingConfig: { EndpointsConfig: { [networkName]: { Aliases: spec.aliases ?? [] } } } } : {}),
  };
}

/** Docker answers 304 when the container is already so (stopped meanwhile): that is fine. */
const notModified = (error: unknown) => {
  if ((error as { statusCode?: number }).statusCode !== 304) throw error;
};

export async function containerAction(docker: Docker, topology: Topology, params: ContainerActionParams): Promise<Record<string, never>> {
  const container = mustFind('container', topology, params.container);
  const handle = docker.getContainer(container.id);
  const t = params.timeoutSeconds ?? 10;
  try {
    if (params.action === 'start') await handle.start();
    else if (params.action === 'stop') await handle.stop({ t });
    else if (params.action === 'restart') await handle.restart({ t });
    else {
      // Stopped with its grace period first, so its process can finish what it does; then deleted. Asked whatever
      // the Topology says of its state (it may be a moment old): stopping a stopped container is a 304.
      await handle.stop({ t }).catch(notModified);
      await handle.remove();
    }
    return {};
  } catch (error) {
    // Starting a running container or stopping a stopped one: Docker answers 304, which is fine.
    if ((error as { statusCode?: number }).statusCode === 304) return {};
    throw refused(error, topology.engine.endpoint);
  }
}
