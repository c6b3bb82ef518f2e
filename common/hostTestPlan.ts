/**
 * Pure: a test from the engine host to a published port, planned from the
 * Topology. The target is "IP:PORT" (an address on the host) or
 * "container:PORT" (a container's port, found through what it publishes).
 * The plan says where to connect, which publication that is ("127.0.0.1:5050
 * -> web:80/tcp"), or why there is nothing to connect to; the diagnoses after
 * the steps read what listens inside the container.
 */
import { DockwireError } from './errors.js';
import { formatSocket } from './format.js';
import { parseIPv4 } from './ipv4.js';
import { mustFind } from './resolve.js';
import type { Diagnosis, TestStep } from './testReport.js';
import { isLoopback, socketsOn, type ContainerInfo, type PortInfo, type Topology } from './topology.js';

export interface HostTestSpec {
  target: string;
  httpPath?: string;
}

export interface HostTestPlan {
  /** Where the host connects; null when there is nothing to connect to (not published, stopped). */
  address: string | null;
  port: number;
  container: ContainerInfo | null;
  /** The container's port the publication leads to. */
  containerPort: number | null;
  /** "127.0.0.1:5050 -> web:80/tcp". */
  mapping: string | null;
  /** Known before any step: what makes the test fail as asked. */
  diagnosis: Diagnosis[];
}

const isV6 = (text: string) => /^[0-9a-f:.]+$/i.test(text) && text.includes(':');

/** "IP:PORT", "[IPv6]:PORT" or "container:PORT"; anything else is refused as a usage problem. */
export function parseHostTarget(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d{1,5})$/.exec(text.trim());
  const port = match ? Number(match[3]) : NaN;
  if (!match || !(port >= 1 && port <= 65535))
    throw new DockwireError(
      'usage',
      `"${text}" is not IP:PORT or CONTAINER:PORT with a port from 1 to 65535 (for example 127.0.0.1:5050 or web:80).`,
    );
  return { host: (match[1] ?? match[2])!, port };
}

/** Where a publication is reached from the host: its own address, or loopback when it listens on every address. */
const dialAddress = (binding: PortInfo) =>
  binding.hostIp === '' || binding.hostIp === '0.0.0.0' ? '127.0.0.1' : binding.hostIp === '::' ? '::1' : binding.hostIp;

const mappingOf = (address: string, binding: PortInfo, container: ContainerInfo) =>
  `${formatSocket({ address, port: binding.hostPort })} -> ${container.name}:${binding.containerPort}/${binding.protocol}`;

/** Whether a publication takes connections sent to this host address. */
const takes = (binding: PortInfo, address: string) =>
  binding.hostIp === address ||
  ((binding.hostIp === '' || binding.hostIp === '0.0.0.0') && parseIPv4(address) !== null) ||
  ((binding.hostIp === '' || binding.hostIp === '::') && isV6(address));

export function planHostTest(topology: Topology, spec: HostTestSpec): HostTestPlan {
  const { host, port } = parseHostTarget(spec.target);
  const isAddress = parseIPv4(host) !== null || isV6(host);
  const tcp = (c: ContainerInfo) => c.ports.filter((p) => p.protocol === 'tcp');
  if (!isAddress) {
    const container = mustFind('container', topology, host, 'target');
    const none = { address: null, port, container, containerPort: port, mapping: null };
    if (container.state !== 'running')
      return {
        ...none,
        diagnosis: [
          { code: 'target-stopped', text: `${container.name} is ${container.state}: a stopped container publishes nothing. Start it.` },
        ],
      };
    const bindings = tcp(container).filter((p) => p.containerPort === port);
    if (!bindings.length) {
      const published = tcp(container).map((p) => `${p.containerPort}`);
      return {
        ...none,
        diagnosis: [
          {
            code: 'not-published',
            text:
              `${container.name} does not publish port ${port}${published.length ? ` (it publishes ${published.join(', ')})` : ''}: ` +
              `only published ports can be reached from the host. Run it with -p HOSTPORT:${port}, for example -p 8080:${port}.`,
          },
        ],
      };
    }
    // Every address first (what most people publish), then the rest in Docker's order.
    const binding = bindings.find((b) => b.hostIp === '0.0.0.0' || b.hostIp === '') ?? bindings[0]!;
    const address = dialAddress(binding);
    return {
      address,
      port: binding.hostPort,
      container,
      containerPort: binding.containerPort,
      mapping: mappingOf(address, binding, container),
      diagnosis: [],
    };
  }
  for (const container of topology.containers) {
    const binding = tcp(container).find((p) => p.hostPort === port && takes(p, host));
    if (binding)
      return {
        address: host,
        port,
        container,
        containerPort: binding.containerPort,
        mapping: mappingOf(host, binding, container),
        diagnosis: [],
      };
  }
  // Published on loopback only, and asked on another address: the connection cannot reach it.
  for (const container of topology.containers) {
    const binding = tcp(container).find((p) => p.hostPort === port && isLoopback(p.hostIp));
    if (binding && !isLoopback(host))
      return {
        address: host,
        port,
        container,
        containerPort: binding.containerPort,
        mapping: null,
        diagnosis: [
          {
            code: 'published-on-loopback-only',
            text:
              `${container.name} publishes port ${port} on ${binding.hostIp} only, so connections to ${host} do not reach it: ` +
              `connect to ${formatSocket({ address: binding.hostIp, port })}, or publish it with -p ${port}:${binding.containerPort}.`,
          },
        ],
      };
  }
  return {
    address: host,
    port,
    container: null,
    containerPort: null,
    mapping: null,
    diagnosis: [
      {
        code: 'not-published',
        text: `No container publishes port ${port} on ${host}: whatever answers there (if anything) is not a container Docker publishes.`,
      },
    ],
  };
}

/**
 * After the steps: what listens inside the container explains a publication that leads nowhere. A connection to
 * the host port can be accepted by Docker's userland proxy and only then fail, so this is read whatever the TCP step said.
 */
export function listeningDiagnosis(plan: HostTestPlan, steps: TestStep[]): Diagnosis | null {
  const { container, containerPort } = plan;
  if (!container?.listening || containerPort === null) return null;
  const onPort = socketsOn(container, 'tcp', containerPort);
  const proxied = steps.some((s) => s.name === 'tcp' && s.status === 'pass')
    ? ' (the host side accepted the connection, then found nothing behind it)'
    : '';
  if (!onPort.length)
    return {
      code: 'nothing-listening',
      text: `Port ${containerPort} is published, but nothing listens on it inside ${container.name}${proxied}: start the server, or publish the port it listens on.`,
    };
  if (onPort.every((s) => isLoopback(s.address)))
    return {
      code: 'listens-on-loopback',
      text:
        `${container.name} listens on port ${containerPort} only on ${onPort.map((s) => s.address).join(' and ')}, inside its own namespace: ` +
        `Docker forwards published traffic to its eth0 address, where nothing answers${proxied}. Make the server bind to 0.0.0.0.`,
    };
  return null;
}
