/**
 * What Docker says, kept between events: every network's and container's
 * inspect JSON, and which ones events named since the last read. Inspect (not
 * list) is used for every object: only inspect carries aliases, IPAM config and
 * the full network mode.
 */
import type Docker from 'dockerode';
import type {
  DockerContainerJson,
  DockerNetworkJson,
  DockerNodeJson,
  DockerServiceJson,
  DockerTaskJson,
} from '../../common/dockerFacts.js';
import {
  inspectContainer,
  inspectNetwork,
  listContainerIds,
  listNetworkIds,
  listSwarm,
  NO_SWARM,
  type SwarmJson,
} from '../engine/facts.js';
import { mapLimit } from '../util/mapLimit.js';
import type { DockerEvent } from './eventStream.js';
import { NO_TIMINGS, type Timings } from '../util/stageTimings.js';

/** Inspects under way at once: a local engine answers many at a time. */
export const LOCAL_INSPECT_CONCURRENCY = 32;
/**
 * Over ssh the calls share one login, each on a channel running `docker system dial-stdio`
 * (../engine/sshDialAgent.ts), and each new channel starts a shell on the remote host (1-2 s where its
 * .bashrc is slow). A channel reused answers an inspect in 1.5-2.5 ms, so more at once gain little: networks
 * and containers inspected side by side keep 6 channels busy, the most the ssh client lets wait at once.
 */
export const SSH_INSPECT_CONCURRENCY = 3;
const GWBRIDGE = 'docker_gwbridge';
// Events that change nothing Dockwire draws.
const IGNORED_CONTAINER_ACTIONS = /^(exec_|health_status|top|attach|detach|resize|copy|archive-path|export|commit|extract-to-dir)/;

export interface ReadResult {
  /** Containers read (present or gone), by full id where known. */
  containerIds: string[];
  /** Containers that are gone. */
  removed: string[];
  /** Networks read (present or gone). */
  networkIds: string[];
}

export class DockerFactCache {
  private readonly networks = new Map<string, DockerNetworkJson>();
  private readonly containers = new Map<string, DockerContainerJson>();
  private readonly dirtyNetworks = new Set<string>();
  private readonly dirtyContainers = new Set<string>();
  private swarm: SwarmJson = NO_SWARM;
  private dirtyServices = false;
  /** The engine may have networks it sent no event for: list them, and read those not known. */
  private newNetworksToFind = false;

  constructor(
    private readonly docker: Docker,
    private readonly timings: Timings = NO_TIMINGS,
    private readonly inspectConcurrency = LOCAL_INSPECT_CONCURRENCY,
  ) {}

  allNetworks(): DockerNetworkJson[] {
    return [...this.networks.values()];
  }

  allContainers(): DockerContainerJson[] {
    return [...this.containers.values()];
  }

  /** The swarm's services, nodes and tasks (none when the engine is not a swarm manager). */
  swarmFacts(): { services: DockerServiceJson[]; swarmNodes: DockerNodeJson[]; tasks: DockerTaskJson[] } {
    return { services: this.swarm.services, swarmNodes: this.swarm.nodes, tasks: this.swarm.tasks };
  }

  /**
   * Running containers on the overlay networks a read touched (read themselves, or named by a container read):
   * an overlay's own namespace is read through its containers, so a container joining or leaving changes
   * what all of them lead to.
   */
  overlayNeighbours(read: ReadResult): string[] {
    const isOverlay = (id: string | undefined) => Boolean(id && this.networks.get(id)?.Driver === 'overlay');
    const networksOf = (json: DockerContainerJson | undefined) =>
      Object.values(json?.NetworkSettings?.Networks ?? {}).map((e) => e.NetworkID);
    const touched = new Set(
      [...read.networkIds, ...read.containerIds.flatMap((id) => networksOf(this.containers.get(id)))].filter(isOverlay),
    );
    if (touched.size === 0) return [];
    return [...this.containers.values()]
      .filter((json) => json.State?.Running && networksOf(json).some((id) => id && touched.has(id)))
      .map((json) => json.Id);
  }

  container(id: string): DockerContainerJson | undefined {
    return this.containers.get(id);
  }

  containerIds(): string[] {
    return [...this.containers.keys()];
  }

  /** Notes what an event names; true when it is something Dockwire draws. */
  note(event: DockerEvent): boolean {
    const id = event.Actor?.ID;
    if (!id) return false;
    if (event.Type === 'container') {
      if (IGNORED_CONTAINER_ACTIONS.test(event.Action)) return false;
      this.dirtyContainers.add(id);
      // Docker makes docker_gwbridge, and attaches overlay containers to it, without network events: the
      // bridge's inspect, which alone lists those endpoints, is read again with the container (and looked
      // for among the engine's networks while a swarm has none yet).
      const gwbridge = [...this.networks.values()].find((n) => n.Name === GWBRIDGE);
      if (gwbridge) this.dirtyNetworks.add(gwbridge.Id);
      else if ([...this.networks.values()].some((n) => n.Driver === 'overlay')) this.newNetworksToFind = true;
      return true;
    }
    if (event.Type === 'service' || event.Type === 'node') {
      this.dirtyServices = true;
      // A node joining or leaving a swarm makes or drops its networks (ingress, docker_gwbridge) without network events.
      if (event.Type === 'node') this.newNetworksToFind = true;
      return true;
    }
    if (event.Type === 'network') {
      this.dirtyNetworks.add(id);
      const container = event.Actor.Attributes?.container;
      if (container) this.dirtyContainers.add(container);
      return true;
    }
    return false;
  }

  /** Every container needs reading again (the kernel view came or went). */
  markAllContainers(): void {
    for (const id of this.containers.keys()) this.dirtyContainers.add(id);
  }

  get hasDirty(): boolean {
    return this.dirtyNetworks.size > 0 || this.dirtyContainers.size > 0 || this.dirtyServices || this.newNetworksToFind;
  }

  /** Re-inspects what events named. If the engine fails meanwhile, the work is kept for the next read. */
  async readDirty(): Promise<ReadResult> {
    if (this.newNetworksToFind) {
      this.newNetworksToFind = false;
      const listed = new Set(await listNetworkIds(this.docker));
      for (const id of listed) if (!this.networks.has(id)) this.dirtyNetworks.add(id);
      for (const id of this.networks.keys()) if (!listed.has(id)) this.dirtyNetworks.add(id); // gone: its inspect says so
    }
    const networkIds = [...this.dirtyNetworks];
    const containerIds = [...this.dirtyContainers];
    const servicesToo = this.dirtyServices;
    this.dirtyNetworks.clear();
    this.dirtyContainers.clear();
    this.dirtyServices = false;
    try {
      if (servicesToo) this.swarm = await listSwarm(this.docker);
      const networks = await mapLimit(networkIds, this.inspectConcurrency, (id) => inspectNetwork(this.docker, id));
      const containers = await mapLimit(containerIds, this.inspectConcurrency, (id) => inspectContainer(this.docker, id));
      networkIds.forEach((id, index) => this.storeNetwork(id, networks[index] ?? null));
      return { ...this.storeContainers(containerIds, containers), networkIds };
    } catch (error) {
      networkIds.forEach((id) => this.dirtyNetworks.add(id));
      containerIds.forEach((id) => this.dirtyContainers.add(id));
      this.dirtyServices ||= servicesToo;
      throw error;
    }
  }

  /** Lists and inspects everything, replacing what was known; each container's inspect is shown to onContainer as it comes. */
  async readAll(onContainer: (json: DockerContainerJson) => void = () => {}): Promise<ReadResult> {
    const [networkIds, containerIds, swarm] = await this.timings.time('docker: list networks, containers, swarm', () =>
      Promise.all([listNetworkIds(this.docker), listContainerIds(this.docker), listSwarm(this.docker)]),
    );
    this.swarm = swarm;
    const [networks, containers] = await Promise.all([
      this.timings.time(`docker: inspect ${networkIds.length} networks`, () =>
        mapLimit(networkIds, this.inspectConcurrency, (id) => inspectNetwork(this.docker, id)),
      ),
      this.timings.time(`docker: inspect ${containerIds.length} containers`, () =>
        mapLimit(containerIds, this.inspectConcurrency, async (id) => {
          const json = await inspectContainer(this.docker, id);
          if (json) onContainer(json);
          return json;
        }),
      ),
    ]);
    const before = new Set(this.containers.keys());
    this.networks.clear();
    this.containers.clear();
    networkIds.forEach((id, index) => this.storeNetwork(id, networks[index] ?? null));
    const read = this.storeContainers(containerIds, containers);
    return { containerIds: read.containerIds, removed: [...before].filter((id) => !this.containers.has(id)), networkIds };
  }

  private storeNetwork(id: string, json: DockerNetworkJson | null): void {
    if (json) this.networks.set(json.Id, json);
    else this.networks.delete(id);
  }

  private storeContainers(ids: string[], jsons: Array<DockerContainerJson | null>): Omit<ReadResult, 'networkIds'> {
    const result = { containerIds: [] as string[], removed: [] as string[] };
    ids.forEach((id, index) => {
      const json = jsons[index] ?? null;
      // Events may name a container by a short id; what is known is keyed by the full one.
      const key = json?.Id ?? [...this.containers.keys()].find((known) => known.startsWith(id)) ?? id;
      result.containerIds.push(key);
      if (json) this.containers.set(key, json);
      else if (this.containers.delete(key)) result.removed.push(key);
    });
    return result;
  }
}
