/**
 * Pure: the plan for wiring a container to a bridge by hand, as the seed does
 * it with ip(8): the names, a free address, the route, the MTU, and each step
 * with the command a person would type. Dockwire proposes; the user may change.
 */
import { effectiveEndpoints } from './diagnose.js';
import { cidrContains, formatIPv4, parseIPv4Cidr } from './ipv4.js';
import { INTERFACE_NAME } from './names.js';
import { findPair } from './resolve.js';
import { whyNotWire, whyNotWireTo } from './rules.js';
import type { FieldProblem } from './specs.js';
import type { Topology } from './topology.js';

export interface WireSpec {
  container: string;
  network: string;
  /** "a.b.c.d/len"; proposed when absent. */
  address?: string;
  hostIfname?: string;
  containerIfname?: string;
  /** Add a default route via the bridge's gateway (proposed on when the container has none). */
  route?: boolean;
}

export interface WirePlan {
  containerId: string;
  containerName: string;
  pid: number | null;
  networkId: string;
  bridge: string;
  hostIfname: string;
  containerIfname: string;
  address: string;
  gateway: string | null;
  route: boolean;
  mtu: number | null;
  steps: Array<{ name: string; command: string }>;
}

export function planWire(topology: Topology, spec: WireSpec): { plan: WirePlan | null; problems: FieldProblem[] } {
  const { container, network, problems } = findPair(topology, spec.container, spec.network);
  const add = (field: string, message: string) => problems.push({ field, message });
  if (!container || !network) return { plan: null, problems };
  const notThere = whyNotWireTo(network);
  if (notThere) add('network', notThere);
  const notThis = whyNotWire(container);
  if (notThis) add('container', notThis);

  const subnet = network.subnets.map((s) => parseIPv4Cidr(s.subnet)).find(Boolean) ?? null;
  // Where Docker chose the gateway itself, the bridge carries it (kernel view), and so do endpoints.
  const gateways = [
    ...network.subnets.map((s) => s.gateway),
    ...(network.bridge?.addresses ?? []).map((a) => a.split('/')[0]),
    ...topology.containers.flatMap((c) => c.endpoints.filter((e) => e.networkId === network.id).map((e) => e.gateway)),
  ].filter((g): g is string => Boolean(g));
  const gateway = gateways[0] ?? null;
  const used = new Set<string>([
    ...gateways,
    ...topology.containers.flatMap((c) =>
      c.endpoints.filter((e) => e.networkId === network.id && e.ipv4).map((e) => e.ipv4!.split('/')[0]!),
    ),
    ...topology.unmanagedLinks.flatMap((l) => l.peer?.addresses.map((a) => a.split('/')[0]!) ?? []),
  ]);

  let address = spec.address?.trim() ?? '';
  if (!subnet) add('network', `${network.name} has no IPv4 subnet to take an address from.`);
  else if (!address) {
    const free = freeAddress(subnet.address, subnet.prefix, used);
    if (free) address = `${free}/${subnet.prefix}`;
    else add('address', `No free address left in ${network.subnets[0]?.subnet}.`);
  } else {
    const cidr = parseIPv4Cidr(address);
    const ip = address.split('/')[0] ?? '';
    if (!cidr) add('address', `"${address}" is not an address with its prefix, like 172.17.42.99/16.`);
    else if (!cidrContains(subnet, cidr.address) || cidr.prefix !== subnet.prefix)
      add('address', `${address} is not inside ${network.name}'s subnet ${network.subnets[0]?.subnet} (with the same prefix).`);
    else if (gateways.includes(ip)) add('address', `${ip} is the gateway of ${network.name}.`);
    else if (used.has(ip)) add('address', `${ip} is already in use on ${network.name}.`);
  }

  const containerNames = new Set([
    ...effectiveEndpoints(container, topology)
      .map((e) => e.ifname)
      .filter(Boolean),
    ...topology.unmanagedLinks.filter((l) => l.peer?.containerId === container.id).map((l) => l.peer!.ifname),
  ]);
  let containerIfname = spec.containerIfname?.trim() || '';
  if (!containerIfname) {
    for (let n = 0; n < 64 && !containerIfname; n++) if (!containerNames.has(`eth${n}`)) containerIfname = `eth${n}`;
  } else if (containerNames.has(containerIfname))
    add('containerIfname', `${container.name} already has an interface named ${containerIfname}.`);
  const hostIfname = spec.hostIfname?.trim() || `dw${container.id.slice(0, 7)}${network.id.slice(0, 4)}`;
  for (const [field, name] of [
    ['hostIfname', hostIfname],
    ['containerIfname', containerIfname],
  ] as const) {
    if (!INTERFACE_NAME.test(name)) add(field, `"${name}" is not a valid interface name: at most 15 letters, digits, "_", "." or "-".`);
  }
  const hostTaken =
    topology.unmanagedLinks.some((l) => l.name === hostIfname) ||
    topology.containers.some((c) => c.endpoints.some((e) => e.hostVeth?.name === hostIfname)) ||
    topology.networks.some((n) => n.bridge?.name === hostIfname);
  if (hostTaken) add('hostIfname', `The host already has an interface named ${hostIfname}.`);

  const hasDefaultRoute =
    effectiveEndpoints(container, topology).some((e) => e.gateway) ||
    topology.unmanagedLinks.some((l) => l.peer?.containerId === container.id);
  const route = (spec.route ?? !hasDefaultRoute) && Boolean(gateway);
  const bridge = network.bridge?.name ?? '';
  const pid = container.pid;
  const plan: WirePlan = {
    containerId: container.id,
    containerName: container.name,
    pid,
    networkId: network.id,
    bridge,
    hostIfname,
    containerIfname,
    address,
    gateway,
    route,
    mtu: network.bridge?.mtu ?? null,
    steps: wireSteps({ bridge, hostIfname, containerIfname, address, gateway, route, pid }),
  };
  return { plan, problems };
}

/** Scans from the top of the subnet down (Docker hands addresses out from the bottom). */
function freeAddress(base: number, prefix: number, used: Set<string>): string | null {
  const size = 2 ** (32 - prefix);
  for (let offset = size - 2; offset >= 1; offset--) {
    const candidate = formatIPv4(base + offset);
    if (!used.has(candidate)) return candidate;
  }
  return null;
}

const TEMP_PEER = 'B';

function wireSteps(p: {
  bridge: string;
  hostIfname: string;
  containerIfname: string;
  address: string;
  gateway: string | null;
  route: boolean;
  pid: number | null;
}) {
  const pid = p.pid ?? 'PID';
  const inNs = `nsenter -t ${pid} -n`;
  return [
    { name: 'Make a veth pair', command: `ip link add ${p.hostIfname} type veth peer name ${TEMP_PEER}` },
    { name: 'Put the host end on the bridge', command: `ip link set ${p.hostIfname} master ${p.bridge}` },
    { name: 'Bring the host end up', command: `ip link set ${p.hostIfname} up` },
    { name: 'Move the other end into the container', command: `ip link set ${TEMP_PEER} netns ${pid}` },
    { name: `Rename it ${p.containerIfname}`, command: `${inNs} ip link set dev ${TEMP_PEER} name ${p.containerIfname}` },
    { name: `Bring ${p.containerIfname} up`, command: `${inNs} ip link set ${p.containerIfname} up` },
    { name: 'Give it an address', command: `${inNs} ip addr add ${p.address} dev ${p.containerIfname}` },
    p.route && p.gateway
      ? { name: 'Route via the bridge’s gateway', command: `${inNs} ip route add default via ${p.gateway}` }
      : { name: 'No default route (the container has one, or you turned it off)', command: '# (skipped)' },
  ];
}

/** The same steps as a shell script, for people who want to do it themselves. */
export function wireScript(plan: WirePlan): string {
  return [
    '#!/bin/sh',
    `# Wire ${plan.containerName} to ${plan.bridge} by hand (as root on the engine's host)`,
    'set -e',
    ...plan.steps.map((s) => `${s.command}   # ${s.name}`),
  ].join('\n');
}
