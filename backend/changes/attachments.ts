/**
 * Connect and disconnect: docker network connect/disconnect, checked first.
 * Asking for what is already so is "nothing to do" (no-change); asking for
 * something else on a network the container is already on (another address,
 * new aliases) is a conflict that says what is there now and the way out.
 */
import type Docker from 'dockerode';
import { endpointOn } from '../../common/attachment.js';
import { DockwireError } from '../../common/errors.js';
import { findPair } from '../../common/resolve.js';
import type { ConnectSpec, DisconnectSpec } from '../../common/specs.js';
import type { ContainerInfo, EndpointInfo, NetworkInfo, Topology } from '../../common/topology.js';
import { whyNotDisconnect } from '../../common/rules.js';
import { validateConnect } from '../../common/validateConnect.js';
import { invalid, refused } from '../engine/refusal.js';

export async function connect(docker: Docker, topology: Topology, spec: ConnectSpec): Promise<Record<string, never>> {
  const { container, network, problems } = findPair(topology, spec.container, spec.network);
  if (!container || !network) throw invalid(problems);
  const current = endpointOn(container, network.id);
  if (current) throw alreadyOn(container, network, current, spec);
  const checked = validateConnect(spec, topology);
  if (checked.length) throw invalid(checked);
  const ipam =
    spec.ipv4 || spec.ipv6
      ? { IPAMConfig: { ...(spec.ipv4 ? { IPv4Address: spec.ipv4 } : {}), ...(spec.ipv6 ? { IPv6Address: spec.ipv6 } : {}) } }
      : {};
  try {
    await docker.getNetwork(network.id).connect({ Container: container.id, EndpointConfig: { ...ipam, Aliases: spec.aliases ?? [] } });
    return {};
  } catch (error) {
    throw refused(error, topology.engine.endpoint);
  }
}

/** Already on the network: nothing to do if that is what was asked, else a conflict naming what is there. */
function alreadyOn(container: ContainerInfo, network: NetworkInfo, current: EndpointInfo, spec: ConnectSpec): DockwireError {
  const [haveV4, haveV6] = [current.ipv4?.split('/')[0] ?? null, current.ipv6?.split('/')[0] ?? null];
  const differences = [
    ...(spec.ipv4 && spec.ipv4 !== haveV4 ? [`the address ${spec.ipv4} (it has ${haveV4 ?? 'no IPv4 address'})`] : []),
    ...(spec.ipv6 && spec.ipv6 !== haveV6 ? [`the address ${spec.ipv6} (it has ${haveV6 ?? 'no IPv6 address'})`] : []),
    ...(spec.aliases ?? []).filter((alias) => !current.aliases.includes(alias)).map((alias) => `the alias ${alias}`),
  ];
  if (!differences.length) return new DockwireError('no-change', `${container.name} is already on ${network.name}: nothing to do.`);
  const wanted = [spec.ipv4 && `--ip ${spec.ipv4}`, spec.ipv6 && `--ip6 ${spec.ipv6}`, ...(spec.aliases ?? []).map((a) => `--alias ${a}`)]
    .filter(Boolean)
    .join(' ');
  return new DockwireError(
    'conflict',
    `${container.name} is already on ${network.name}${haveV4 ? ` with ${current.ipv4}` : ''}, so ${differences.join(' and ')} cannot be applied: ` +
      `Docker sets addresses and aliases only when connecting. Disconnect it first, then connect again: ` +
      `dockwire disconnect ${container.name} ${network.name} && dockwire connect ${container.name} ${network.name} ${wanted}`,
    {
      problems: [
        {
          field: spec.ipv4 && spec.ipv4 !== haveV4 ? 'ipv4' : spec.ipv6 && spec.ipv6 !== haveV6 ? 'ipv6' : 'aliases',
          message: `already on ${network.name}${haveV4 ? ` with ${current.ipv4}` : ''}`,
        },
      ],
    },
  );
}

export async function disconnect(docker: Docker, topology: Topology, spec: DisconnectSpec): Promise<Record<string, never>> {
  const { container, network, problems } = findPair(topology, spec.container, spec.network);
  if (!container || !network) throw invalid(problems);
  if (!endpointOn(container, network.id)) {
    throw new DockwireError('no-change', `${container.name} is not on ${network.name}: nothing to do.`);
  }
  const refusal = whyNotDisconnect(container, network);
  if (refusal) throw invalid([{ field: 'container', message: refusal }]);
  try {
    await docker.getNetwork(network.id).disconnect({ Container: container.id, Force: false });
    return {};
  } catch (error) {
    throw refused(error, topology.engine.endpoint);
  }
}
