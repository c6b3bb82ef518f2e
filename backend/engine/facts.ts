/**
 * Reads Docker's facts (through dockerode, and inspects of a local engine through ./socketGets.ts) as the plain JSON
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
import { SocketGets } from './socketGets.js';

type EngineVersionJson = { Version?: string; ApiVersion?: string; Os?: string; Arch?: string };
type EngineSystemJson = { Name?: string; Swarm?: { LocalNodeState?: string; NodeAddr?: string } };

/**
 * The engine's version and info, asked at once. The version comes apart too: it alone says the engine's
 * architecture, all the helper's start needs, and the info can take much longer on a big host (the engine
 * counts its containers and asks its runtimes for theirs).
 */
export function fetchEngineInfo(docker: Docker, endpointUrl: string): { version: Promise<EngineVersionJson>; engine: Promise<EngineInfo> } {
  const version = docker.version() as Promise<EngineVersionJson>;
  const engine = Promise.all([version, docker.info() as Promise<EngineSystemJson>]).then(([version, info]) => ({
    endpoint: endpointUrl,
    version: version.Version ?? '',
    apiVersion: version.ApiVersion ?? '',
    hostname: info.Name ?? '',
    os: version.Os ?? '',
    arch: version.Arch ?? '',
    swarm: info.Swarm?.LocalNodeState === 'active',
    ...(info.Swarm?.LocalNodeState === 'active' && info.Swarm.NodeAddr ? { swarmAddress: info.Swarm.NodeAddr } : {}),
  }));
  return { version, engine };
}

/** Per client of a local engine: its kept-alive connections for inspects (./socketGets.ts). */
const socketGets = new WeakMap<Docker, SocketGets | null>();

function socketGetsOf(docker: Docker): SocketGets | null {
  let gets = socketGets.get(docker);
  if (gets === undefined) {
    const socketPath = (docker.modem as { socketPath?: unknown }).socketPath;
    gets = typeof socketPath === 'string' ? new SocketGets(socketPath) : null;
    socketGets.set(docker, gets);
  }
  return gets;
}

/** An inspect, through kept-alive connections to a local engine, else through dockerode; null when it is gone. */
async function inspect<T>(docker: Docker, kind: 'containers' | 'networks', id: string): Promise<T | null> {
  try {
    const gets = socketGetsOf(docker);
    if (gets) return (await gets.get(`/${kind}/${encodeURIComponent(id)}`.concat(kind === 'containers' ? '/json' : ''))) as T;
    return (await (kind === 'containers' ? docker.getContainer(id) : docker.getNetwork(id)).inspect()) as T;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** One network's inspect JSON, or null when it no longer exists. */
export function inspectNetwork(docker: Docker, id: string): Promise<DockerNetworkJson | null> {
  return inspect<DockerNetworkJson>(docker, 'networks', id);
}

/** One container's inspect JSON, or null when it no longer exists. */
export function inspectContainer(docker: Docker, id: string): Promise<DockerContainerJson | null> {
  return inspect<DockerContainerJson>(docker, 'containers', id);
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
