/**
 * Checks a NetworkSpec against itself and the current Topology before anything
 * is sent to Docker: every problem is said per field, in words a person can act on.
 */
import { cidrBase, cidrContains, cidrsOverlap, formatCidr, formatIPv4, isIPv6, isIPv6Cidr, parseIPv4, parseIPv4Cidr } from './ipv4.js';
import { INTERFACE_NAME, nameProblem } from './names.js';
import type { FieldProblem, NetworkSpec } from './specs.js';
import type { Topology } from './topology.js';

const DRIVERS = ['bridge', 'macvlan', 'ipvlan', 'overlay'];
const MODES: Record<string, string[]> = { macvlan: ['bridge', 'vepa', 'private', 'passthru'], ipvlan: ['l2', 'l3', 'l3s'] };

export function validateNetwork(spec: NetworkSpec, topology: Topology, swarmActive: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });

  const name = nameProblem('network', spec.name);
  if (name) add('name', name);
  else if (topology.networks.some((n) => n.name === spec.name)) add('name', `A network named "${spec.name}" already exists.`);

  if (!DRIVERS.includes(spec.driver)) add('driver', `Unknown driver "${spec.driver}": choose bridge, macvlan, ipvlan or overlay.`);
  if (spec.driver === 'overlay' && !swarmActive) {
    add('driver', 'Overlay networks need the engine to be part of a swarm (docker swarm init); this engine is not.');
  }

  if (spec.ipv4) checkIPv4(spec, topology, add);
  if (spec.ipv6) {
    if (!isIPv6Cidr(spec.ipv6.subnet))
      add('ipv6.subnet', `"${spec.ipv6.subnet}" is not an IPv6 subnet (expected for example fd00:dead:beef::/64).`);
    if (spec.ipv6.gateway && !isIPv6(spec.ipv6.gateway)) add('ipv6.gateway', `"${spec.ipv6.gateway}" is not an IPv6 address.`);
  }

  if (spec.bridge && spec.driver !== 'bridge') add('bridge', 'Bridge options apply only to the bridge driver.');
  if (spec.bridge?.name !== undefined && spec.bridge.name !== '' && !INTERFACE_NAME.test(spec.bridge.name)) {
    add('bridge.name', `"${spec.bridge.name}" is not a valid Linux interface name: at most 15 letters, digits, "_", "." or "-".`);
  } else if (spec.bridge?.name && topology.networks.some((n) => n.bridge?.name === spec.bridge?.name)) {
    add('bridge.name', `The Linux bridge "${spec.bridge.name}" already belongs to another network.`);
  }
  if (spec.bridge?.mtu !== undefined && (!Number.isInteger(spec.bridge.mtu) || spec.bridge.mtu < 68 || spec.bridge.mtu > 65535)) {
    add('bridge.mtu', 'The MTU must be a whole number from 68 to 65535.');
  }

  if (spec.parent !== undefined && spec.parent !== '') {
    if (spec.driver !== 'macvlan' && spec.driver !== 'ipvlan')
      add('parent', 'A parent interface applies only to macvlan and ipvlan networks.');
    else if (!INTERFACE_NAME.test(spec.parent)) add('parent', `"${spec.parent}" is not a valid interface name.`);
  }
  if (spec.mode) {
    const modes = MODES[spec.driver];
    if (!modes) add('mode', 'A mode applies only to macvlan and ipvlan networks.');
    else if (!modes.includes(spec.mode)) add('mode', `The ${spec.driver} mode must be one of ${modes.join(', ')}.`);
  }
  for (const key of Object.keys(spec.labels ?? {})) {
    if (!key.trim() || /\s/.test(key)) add('labels', `"${key}" is not a valid label key: no spaces, not empty.`);
  }
  return problems;
}

function checkIPv4(spec: NetworkSpec, topology: Topology, add: (field: string, message: string) => void): void {
  const { subnet: subnetText, gateway, ipRange, auxAddresses } = spec.ipv4!;
  const subnet = parseIPv4Cidr(subnetText);
  if (!subnet) {
    add('ipv4.subnet', `"${subnetText}" is not a valid IPv4 subnet: write it as a.b.c.d/len, for example 172.20.0.0/16.`);
    return;
  }
  const base = cidrBase(subnet);
  if (base.address !== subnet.address) {
    add('ipv4.subnet', `${subnetText} has host bits set: did you mean ${formatCidr(base)}?`);
    return;
  }
  if (subnet.prefix > 30)
    add('ipv4.subnet', `A /${subnet.prefix} subnet has no room for containers: use /30 or larger (a smaller number).`);
  for (const network of topology.networks) {
    for (const existing of network.subnets) {
      const other = parseIPv4Cidr(existing.subnet);
      if (other && cidrsOverlap(subnet, other)) {
        add(
          'ipv4.subnet',
          `${subnetText} overlaps ${existing.subnet}, the subnet of network "${network.name}". Pick a range no other network uses.`,
        );
      }
    }
  }
  const size = 2 ** (32 - subnet.prefix);
  const broadcast = subnet.address + size - 1;
  if (gateway) {
    const address = parseIPv4(gateway);
    if (address === null) add('ipv4.gateway', `"${gateway}" is not an IPv4 address.`);
    else if (!cidrContains(subnet, address)) add('ipv4.gateway', `The gateway ${gateway} is outside the subnet ${subnetText}.`);
    else if (address === subnet.address || address === broadcast) {
      add(
        'ipv4.gateway',
        `${gateway} is the ${address === subnet.address ? 'network' : 'broadcast'} address of ${subnetText}; the gateway must be a host address, such as ${formatIPv4(subnet.address + 1)}.`,
      );
    }
  }
  if (ipRange) {
    const range = parseIPv4Cidr(ipRange);
    if (!range) add('ipv4.ipRange', `"${ipRange}" is not a valid IPv4 range: write it as a.b.c.d/len.`);
    else if (range.prefix < subnet.prefix || !cidrContains(subnet, range.address))
      add('ipv4.ipRange', `The IP range ${ipRange} is not inside the subnet ${subnetText}.`);
  }
  for (const [host, addressText] of Object.entries(auxAddresses ?? {})) {
    const address = parseIPv4(addressText);
    if (!host) add('ipv4.auxAddresses', 'Each auxiliary address needs a name.');
    if (address === null || !cidrContains(subnet, address))
      add('ipv4.auxAddresses', `The auxiliary address ${host}=${addressText} is not an address inside ${subnetText}.`);
  }
}
