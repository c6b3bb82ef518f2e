/**
 * Checks a ConnectSpec before Docker sees it: both ends exist, the rules say it
 * may be connected there (./rules.ts: its network mode, a mode network, already
 * there), and a static address is inside the subnet, not the gateway and not in use.
 */
import { cidrContains, isIPv6, parseIPv4, parseIPv4Cidr } from './ipv4.js';
import { DOCKER_NAME, NAME_RULE } from './names.js';
import { findPair } from './resolve.js';
import { whyNotConnect, whyNotConnectTo } from './rules.js';
import type { ConnectSpec, FieldProblem } from './specs.js';
import type { Topology } from './topology.js';

export function validateConnect(spec: ConnectSpec, topology: Topology): FieldProblem[] {
  const { container, network, problems } = findPair(topology, spec.container, spec.network);
  const add = (field: string, message: string) => problems.push({ field, message });
  if (!container || !network) return problems;

  const refusal = whyNotConnect(container);
  if (refusal) add('container', refusal);
  const refusalThere = whyNotConnectTo(container, network);
  if (refusalThere) add('network', refusalThere);
  if (refusal || refusalThere) return problems;
  if (spec.ipv4) {
    const address = parseIPv4(spec.ipv4);
    const subnets = network.subnets
      .map((s) => ({ text: s.subnet, cidr: parseIPv4Cidr(s.subnet), gateway: s.gateway }))
      .filter((s) => s.cidr);
    if (address === null) add('ipv4', `"${spec.ipv4}" is not an IPv4 address.`);
    else if (!subnets.some((s) => cidrContains(s.cidr!, address))) {
      add('ipv4', `${spec.ipv4} is not inside ${network.name}'s subnet ${subnets.map((s) => s.text).join(', ') || '(none)'}.`);
    } else if (
      gatewaysOf(topology, network.id, [
        ...subnets.map((s) => s.gateway),
        ...(network.bridge?.addresses ?? []).map((a) => a.split('/')[0] ?? null),
      ]).includes(spec.ipv4)
    ) {
      add('ipv4', `${spec.ipv4} is the gateway of ${network.name}: pick another address.`);
    } else {
      const holder = topology.containers.find((c) =>
        c.endpoints.some((e) => e.networkId === network.id && e.ipv4?.split('/')[0] === spec.ipv4),
      );
      if (holder) add('ipv4', `${spec.ipv4} is already used by ${holder.name} on ${network.name}.`);
    }
  }
  if (spec.ipv6 && !isIPv6(spec.ipv6)) add('ipv6', `"${spec.ipv6}" is not an IPv6 address.`);
  for (const alias of spec.aliases ?? []) {
    if (!DOCKER_NAME.test(alias)) add('aliases', `"${alias}" is not a valid alias: use ${NAME_RULE}.`);
  }
  return problems;
}

/**
 * The network's gateways: from its IPAM config, and, where Docker chose the
 * gateway itself (IPAM config left empty), from its endpoints.
 */
function gatewaysOf(topology: Topology, networkId: string, configured: Array<string | null>): string[] {
  const fromEndpoints = topology.containers.flatMap((c) => c.endpoints.filter((e) => e.networkId === networkId).map((e) => e.gateway));
  return [...configured, ...fromEndpoints].filter((g): g is string => Boolean(g));
}
