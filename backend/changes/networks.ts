/** Create and remove networks, checked first; a removal that disconnects containers puts them back if it fails. */
import type Docker from 'dockerode';
import { DockwireError } from '../../common/errors.js';
import { mustFind } from '../../common/resolve.js';
import type { NetworkSpec, RemoveNetworkSpec } from '../../common/specs.js';
import type { Topology } from '../../common/topology.js';
import { validateNetwork } from '../../common/validateNetwork.js';
import { invalid, refused } from './refusal.js';

export async function createNetwork(docker: Docker, topology: Topology, spec: NetworkSpec): Promise<{ id: string; name: string }> {
  const problems = validateNetwork(spec, topology, topology.engine.swarm);
  if (problems.length) throw invalid(problems);
  try {
    const network = await docker.createNetwork(dockerNetworkOptions(spec));
    return { id: network.id, name: spec.name };
  } catch (error) {
    throw refused(error, topology.engine.endpoint);
  }
}

/** The Engine API body for POST /networks/create. */
export function dockerNetworkOptions(spec: NetworkSpec): Docker.NetworkCreateOptions {
  const config: Array<Record<string, unknown>> = [];
  if (spec.ipv4) {
    config.push({
      Subnet: spec.ipv4.subnet,
      ...(spec.ipv4.gateway ? { Gateway: spec.ipv4.gateway } : {}),
      ...(spec.ipv4.ipRange ? { IPRange: spec.ipv4.ipRange } : {}),
      ...(spec.ipv4.auxAddresses && Object.keys(spec.ipv4.auxAddresses).length ? { AuxiliaryAddresses: spec.ipv4.auxAddresses } : {}),
    });
  }
  if (spec.ipv6) config.push({ Subnet: spec.ipv6.subnet, ...(spec.ipv6.gateway ? { Gateway: spec.ipv6.gateway } : {}) });
  const options: Record<string, string> = {};
  if (spec.bridge?.name) options['com.docker.network.bridge.name'] = spec.bridge.name;
  if (spec.bridge?.icc !== undefined) options['com.docker.network.bridge.enable_icc'] = String(spec.bridge.icc);
  if (spec.bridge?.ipMasquerade !== undefined) options['com.docker.network.bridge.enable_ip_masquerade'] = String(spec.bridge.ipMasquerade);
  if (spec.bridge?.mtu !== undefined) options['com.docker.network.driver.mtu'] = String(spec.bridge.mtu);
  if (spec.parent) options.parent = spec.parent;
  if (spec.mode) options[`${spec.driver}_mode`] = spec.mode;
  return {
    Name: spec.name,
    Driver: spec.driver,
    CheckDuplicate: true,
    Internal: spec.internal ?? false,
    Attachable: spec.attachable ?? false,
    EnableIPv6: Boolean(spec.ipv6),
    ...(config.length ? { IPAM: { Driver: 'default', Config: config } } : {}),
    Options: options,
    Labels: spec.labels ?? {},
  } as Docker.NetworkCreateOptions;
}

export async function removeNetwork(docker: Docker, topology: Topology, spec: RemoveNetworkSpec): Promise<{ disconnected: string[] }> {
  const network = mustFind('network', topology, spec.network);
  if (network.predefined) {
    throw invalid([{ field: 'network', message: `${network.name} is one of Docker’s own networks (bridge, host, none): it cannot be removed.` }]);
  }
  const attached = topology.containers.flatMap((container) =>
    container.endpoints.filter((e) => e.networkId === network.id && e.endpointId).map((endpoint) => ({ container, endpoint })),
  );
  if (attached.length && !spec.disconnectFirst) {
    const names = attached.map((a) => a.container.name).join(', ');
    throw new DockwireError('invalid', `${network.name} is in use by ${names}: disconnect ${attached.length > 1 ? 'them' : 'it'} first.`, {
      problems: [{ field: 'network', message: `in use by ${names}` }],
    });
  }
  const handle = docker.getNetwork(network.id);
  const disconnected: typeof attached = [];
  try {
    for (const entry of attached) {
      await handle.disconnect({ Container: entry.container.id, Force: false });
      disconnected.push(entry);
    }
    await handle.remove();
    return { disconnected: disconnected.map((d) => d.container.name) };
  } catch (error) {
    // Put back what we took off, as it was: same address, same aliases.
    const rolledBack: string[] = [];
    for (const { container, endpoint } of disconnected.reverse()) {
      const aliases = endpoint.aliases.filter((alias) => !container.id.startsWith(alias));
      await handle
        .connect({ Container: container.id, EndpointConfig: { IPAMConfig: endpoint.ipv4 ? { IPv4Address: endpoint.ipv4.split('/')[0] } : undefined, Aliases: aliases } })
        .then(() => rolledBack.push(`reconnected ${container.name} to ${network.name}`))
        .catch(() => rolledBack.push(`could not reconnect ${container.name} to ${network.name}`));
    }
    throw refused(error, topology.engine.endpoint, rolledBack);
  }
}
