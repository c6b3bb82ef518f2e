/** Create and remove networks, checked first; a removal that disconnects containers puts them back if it fails. */
import type Docker from 'dockerode';
import { DockwireError } from '../../common/errors.js';
import { mustFind } from '../../common/resolve.js';
import { whyNotRemoveNetwork } from '../../common/rules.js';
import type { NetworkSpec, RemoveNetworkSpec } from '../../common/specs.js';
import { dockerMessage } from '../../common/dockerErrors.js';
import type { DockerContainerJson, DockerEndpointJson } from '../../common/dockerFacts.js';
import type { ContainerInfo, NetworkInfo, Topology } from '../../common/topology.js';
import { validateNetwork } from '../../common/validateNetwork.js';
import { invalid, refused } from '../engine/refusal.js';

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

/** How a container sat on a network, as `docker inspect` says, to put it back exactly so. */
interface Attachment {
  container: ContainerInfo;
  endpointConfig: Record<string, unknown>;
  /** The static address it had, if it was static; a dynamic one Docker chooses again. */
  staticAddress: string | null;
}

/** Test seam: runs between the disconnects and the removal (a test makes the removal fail there). */
export interface RemoveNetworkHooks {
  afterDisconnects?: () => Promise<void>;
}

export async function removeNetwork(
  docker: Docker,
  topology: Topology,
  spec: RemoveNetworkSpec,
  hooks: RemoveNetworkHooks = {},
): Promise<{ disconnected: string[] }> {
  const network = mustFind('network', topology, spec.network);
  const refusal = whyNotRemoveNetwork(network);
  if (refusal) throw invalid([{ field: 'network', message: refusal }]);
  // Stopped containers count: Docker would remove the network under them, and they could never start again.
  const users = topology.containers.filter((container) => container.endpoints.some((e) => e.networkId === network.id));
  const nameOf = (c: ContainerInfo) => (c.state === 'running' ? c.name : `${c.name} (${c.state})`);
  if (users.length && !spec.disconnect) {
    const names = users.map(nameOf).join(', ');
    throw new DockwireError('invalid', `${network.name} is in use by ${names}: disconnect ${users.length > 1 ? 'them' : 'it'} first.`, {
      problems: [{ field: 'network', message: `in use by ${names}` }],
    });
  }
  const handle = docker.getNetwork(network.id);
  // Only those the user named are disconnected: whoever joined since (the Topology, or the engine asked now, says so) is named.
  const named = new Set((spec.disconnect ?? []).map((ref) => topology.containers.find((c) => c.id === ref || c.name === ref)?.id ?? ref));
  const engineSays = ((await handle.inspect()) as { Containers?: Record<string, { Name?: string }> }).Containers ?? {};
  const onItNow = new Set([...users.map((c) => c.id), ...Object.keys(engineSays)]);
  const joined = [...onItNow].filter((id) => !named.has(id));
  if (joined.length) {
    const nameOfId = (id: string) => topology.containers.find((c) => c.id === id)?.name ?? engineSays[id]?.Name ?? id.slice(0, 12);
    const names = joined.map(nameOfId).join(', ');
    throw new DockwireError(
      'invalid',
      `${names} joined ${network.name} since it was looked at: nothing was disconnected. Look at the network again, then remove it.`,
      { problems: [{ field: 'network', message: `${names} joined since` }] },
    );
  }
  const disconnected: Attachment[] = [];
  try {
    const attachments = await Promise.all(
      users.filter((container) => named.has(container.id)).map((container) => attachmentOf(docker, container, network)),
    );
    for (const attachment of attachments) {
      await handle.disconnect({ Container: attachment.container.id, Force: false });
      disconnected.push(attachment);
    }
    await hooks.afterDisconnects?.();
    await handle.remove();
    return { disconnected: disconnected.map((d) => d.container.name) };
  } catch (error) {
    throw refused(error, topology.engine.endpoint, await reconnect(handle, network, disconnected.reverse()));
  }
}

async function attachmentOf(docker: Docker, container: ContainerInfo, network: NetworkInfo): Promise<Attachment> {
  const json = (await docker.getContainer(container.id).inspect()) as DockerContainerJson & { Config?: { MacAddress?: string } };
  const settings = (json.NetworkSettings?.Networks?.[network.name] ?? {}) as DockerEndpointJson & {
    IPAMConfig?: { IPv4Address?: string; IPv6Address?: string; LinkLocalIPs?: string[] } | null;
    Links?: string[] | null;
    DriverOpts?: Record<string, string> | null;
  };
  const ipam =
    settings.IPAMConfig && Object.values(settings.IPAMConfig).some((v) => (Array.isArray(v) ? v.length : v)) ? settings.IPAMConfig : null;
  // Docker adds the short id as an alias by itself; the others were asked for.
  const aliases = (settings.Aliases ?? []).filter((alias) => !container.id.startsWith(alias));
  const macSetByUser = json.Config?.MacAddress && json.HostConfig?.NetworkMode === network.name ? json.Config.MacAddress : null;
  return {
    container,
    staticAddress: ipam?.IPv4Address ?? ipam?.IPv6Address ?? null,
    endpointConfig: {
      ...(ipam ? { IPAMConfig: ipam } : {}),
      ...(aliases.length ? { Aliases: aliases } : {}),
      ...(settings.Links?.length ? { Links: settings.Links } : {}),
      ...(settings.DriverOpts && Object.keys(settings.DriverOpts).length ? { DriverOpts: settings.DriverOpts } : {}),
      ...(macSetByUser ? { MacAddress: macSetByUser } : {}),
    },
  };
}

/** Puts back what was taken off, as it was; says what it did for each. */
async function reconnect(handle: Docker.Network, network: NetworkInfo, attachments: Attachment[]): Promise<string[]> {
  const said: string[] = [];
  for (const { container, endpointConfig, staticAddress } of attachments) {
    const how = staticAddress ? ` with its static address ${staticAddress}` : ' (its address was dynamic: Docker assigns one again)';
    await handle
      .connect({ Container: container.id, EndpointConfig: endpointConfig })
      .then(() => said.push(`reconnected ${container.name} to ${network.name}${how}`))
      .catch((error: unknown) => said.push(`could not reconnect ${container.name} to ${network.name}: ${dockerMessage(error)}`));
  }
  return said;
}
