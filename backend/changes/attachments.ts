/** Connect and disconnect: docker network connect/disconnect, checked first. */
import type Docker from 'dockerode';
import { DockwireError } from '../../common/errors.js';
import { findContainer, findNetwork, findPair } from '../../common/resolve.js';
import type { ConnectSpec, DisconnectSpec } from '../../common/specs.js';
import type { Topology } from '../../common/topology.js';
import { validateConnect } from '../../common/validateConnect.js';
import { invalid, refused } from './refusal.js';

export async function connect(docker: Docker, topology: Topology, spec: ConnectSpec): Promise<Record<string, never>> {
  const problems = validateConnect(spec, topology);
  const container = findContainer(topology, spec.container);
  const network = findNetwork(topology, spec.network);
  if (container && network && container.endpoints.some((e) => e.networkId === network.id)) {
    throw new DockwireError('no-change', `${container.name} is already on ${network.name}: nothing to do.`);
  }
  if (problems.length || !container || !network) throw invalid(problems);
  const ipam = spec.ipv4 || spec.ipv6 ? { IPAMConfig: { ...(spec.ipv4 ? { IPv4Address: spec.ipv4 } : {}), ...(spec.ipv6 ? { IPv6Address: spec.ipv6 } : {}) } } : {};
  try {
    await docker.getNetwork(network.id).connect({ Container: container.id, EndpointConfig: { ...ipam, Aliases: spec.aliases ?? [] } });
    return {};
  } catch (error) {
    throw refused(error, topology.engine.endpoint);
  }
}

export async function disconnect(docker: Docker, topology: Topology, spec: DisconnectSpec): Promise<Record<string, never>> {
  const { container, network, problems } = findPair(topology, spec.container, spec.network);
  if (!container || !network) throw invalid(problems);
  if (!container.endpoints.some((e) => e.networkId === network.id)) {
    throw new DockwireError('no-change', `${container.name} is not on ${network.name}: nothing to do.`);
  }
  try {
    await docker.getNetwork(network.id).disconnect({ Container: container.id, Force: false });
    return {};
  } catch (error) {
    throw refused(error, topology.engine.endpoint);
  }
}
