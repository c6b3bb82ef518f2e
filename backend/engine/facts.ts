/**
 * Reads Docker's facts through dockerode and returns them as the plain JSON
 * the pure topology builder takes. Inspect (not list) is used for every object:
 * only inspect carries aliases, IPAM config and the full network mode.
 */
import type Docker from 'dockerode';
import type {
  DockerContainerJson,
  DockerNetworkJson,
  DockerNodeJson,
  DockerServiceJson,
  DockerTaskJson,
} from '../../common/dockerFacts.js';
import type { EngineInfo } from '../../common/topology.js';
import { isNotFound } from './engineErrors.js';

export async function fetchEngineInfo(docker: Docker, endpointUrl: string): Promise<EngineInfo> {
  const [version, info] = await Promise.all([
    docker.version() as Promise<{ Version?: string; ApiVersion?: string; Os?: string; Arch?: string }>,
    docker.info() as Promise<{ Name?: string; Swarm?: { LocalNodeState?: string; NodeAddr?: string } }>,
  ]);
  return {
    endpoint: endpointUrl,
    version: version.Version ?? '',
    apiVersion: version.ApiVersion ?? '',
    hostname: info.Name ?? '',
    os: version.Os ?? '',
    arch: version.Arch ?? '',
    swarm: info.Swarm?.LocalNodeState === 'active',
    ...(info.Swarm?.LocalNodeState === 'active' && info.Swarm.NodeAddr ? { swarmAddress: info.Swarm.NodeAddr } : {}),
  };
}

/** One network's inspect JSON, or null when it no longer exists. */
export async function inspectNetwork(docker: Docker, id: string): Promise<DockerNetworkJson | null> {
  try {
    return (await docker.getNetwork(id).inspect()) as DockerNetworkJson;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** One container's inspect JSON, or null when it no longer exists. */
export async function inspectContainer(docker: Docker, id: string): Promise<DockerContainerJson | null> {
  try {
    return (await docker.getContainer(id).inspect()) as DockerContainerJson;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

export async function listNetworkIds(docker: Docker): Promise<string[]> {
  return (await docker.listNetworks()).map((network) => network.Id);
}

export async function listContainerIds(docker: Docker): Promise<string[]> {
  return (await docker.listContainers({ all: true })).map((container) => container.Id);
}

/** A swarm as a manager knows it: services, nodes, and where each task runs. */
export interface SwarmJson {
  services: DockerServiceJson[];
  nodes: DockerNodeJson[];
  tasks: DockerTaskJson[];
}

export const NO_SWARM: SwarmJson = { services: [], nodes: [], tasks: [] };

/** The swarm's services, nodes and tasks; none when the engine is not a swarm manager (Docker answers 503 then). */
export async function listSwarm(docker: Docker): Promise<SwarmJson> {
  try {
    const [services, nodes, tasks] = await Promise.all([docker.listServices(), docker.listNodes(), docker.listTasks()]);
    return { services: services as DockerServiceJson[], nodes: nodes as DockerNodeJson[], tasks: tasks as DockerTaskJson[] };
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 503) return NO_SWARM;
    throw error;
  }
}
