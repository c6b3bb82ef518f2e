/**
 * Pure: why A cannot reach B, from the Topology and the steps' outcomes. The
 * rules a network engineer runs through by hand, in the order that explains
 * most: is anything stopped, does A have a network at all, do they share one,
 * does it give names, does it let containers talk, does anything listen.
 */
import { readDnsFailure } from './dnsFailure.js';
import { formatSocket } from './format.js';
import type { Diagnosis, TestStep } from './testReport.js';
import {
  EMBEDDED_DNS_SERVER,
  isLoopback,
  socketsOn,
  type ContainerInfo,
  type EndpointInfo,
  type NetworkInfo,
  type Topology,
} from './topology.js';

/** The endpoints a container really has: a container:<x> container has x's. */
export function effectiveEndpoints(container: ContainerInfo, topology: Topology): EndpointInfo[] {
  if (container.networkModeKind === 'container' && container.netnsOwner) {
    const owner = topology.containers.find((c) => c.id === container.netnsOwner);
    if (owner && owner !== container) return effectiveEndpoints(owner, topology);
  }
  return container.endpoints.filter((e) => e.networkName !== 'none');
}

export function sharedNetworks(a: ContainerInfo, b: ContainerInfo, topology: Topology): NetworkInfo[] {
  const mine = new Set(effectiveEndpoints(a, topology).map((e) => e.networkId));
  const ids = effectiveEndpoints(b, topology)
    .map((e) => e.networkId)
    .filter((id) => mine.has(id));
  return topology.networks.filter((n) => ids.includes(n.id) && n.driver !== 'host');
}

export interface DiagnoseInput {
  topology: Topology;
  from: ContainerInfo;
  /** The target container, when the target is one. */
  target: ContainerInfo | null;
  targetText: string;
  address: string | null;
  port: number | null;
  steps: TestStep[];
  /** Hand-made interfaces in A's namespace count as a network too. */
  handWired: boolean;
}

export function diagnose(input: DiagnoseInput): Diagnosis[] {
  const { topology, from, target, steps } = input;
  const step = (name: TestStep['name']) => steps.find((s) => s.name === name);
  const failed = (name: TestStep['name']) => step(name)?.status === 'fail';
  const result: Diagnosis[] = [];
  if (from.state !== 'running') {
    return [
      {
        code: 'source-stopped',
        text: `${from.name} is ${from.state}: tests run inside its network namespace, which exists only while it runs. Start it first.`,
      },
    ];
  }
  const fromEndpoints = effectiveEndpoints(from, topology);
  if (from.networkModeKind === 'none' && !input.handWired) {
    result.push({
      code: 'source-none',
      text: `${from.name} runs with --network none: its namespace has only lo, so it can reach nothing but itself.`,
    });
  }
  if (target && target.state !== 'running') {
    result.push({
      code: 'target-stopped',
      text: `${target.name} is ${target.state}: a stopped container has no address to reach. Start it.`,
    });
  }
  if (
    target &&
    target.state === 'running' &&
    from.networkModeKind !== 'none' &&
    from.networkModeKind !== 'host' &&
    target.networkModeKind !== 'host'
  ) {
    const shared = sharedNetworks(from, target, topology);
    if (shared.length === 0) {
      const names = (c: ContainerInfo) =>
        effectiveEndpoints(c, topology)
          .map((e) => e.networkName)
          .join(', ') || 'no network';
      const candidate = effectiveEndpoints(target, topology)
        .map((e) => topology.networks.find((n) => n.id === e.networkId))
        .find((n): n is NetworkInfo => Boolean(n && n.driver !== 'host' && n.driver !== 'null'));
      result.push({
        code: 'no-shared-network',
        text: `${from.name} is on ${names(from)}; ${target.name} is on ${names(target)}: they share no network, so no packet can pass between them.`,
        ...(candidate
          ? {
              fix: {
                kind: 'connect',
                container: from.id,
                network: candidate.id,
                networkName: candidate.name,
                label: `Connect ${from.name} to ${candidate.name}`,
              },
            }
          : {}),
      });
    } else {
      if (failed('dns') && shared.every((n) => !n.dns)) {
        const address = effectiveEndpoints(target, topology)
          .find((e) => shared.some((n) => n.id === e.networkId))
          ?.ipv4?.split('/')[0];
        result.push({
          code: 'no-dns-default-bridge',
          text: `${from.name} and ${target.name} share only ${shared.map((n) => n.name).join(', ')}, where Docker gives no DNS names: put both on a user-defined network, or use the address${address ? ` (${address})` : ''}.`,
        });
      }
      if (failed('ping') && shared.every((n) => n.options['com.docker.network.bridge.enable_icc'] === 'false')) {
        result.push({
          code: 'icc-disabled',
          text: `Inter-container communication is disabled on ${shared.map((n) => n.name).join(', ')} (enable_icc=false): the bridge drops traffic between its containers.`,
        });
      }
    }
  }
  // Already explained: no DNS names where they meet, no network, or none shared (a container's name resolves only there).
  const explainedDns = ['no-dns-default-bridge', 'source-none', 'no-shared-network'];
  const dnsTrouble = failed('dns') && !result.some((d) => explainedDns.includes(d.code));
  // A name Docker knows on a network the source is not on explains the failure, whatever came after: not
  // knowing it on the source's networks, Docker's DNS forwards it to the host's servers, and their silence
  // (or their "no such name") is not the trouble to fix. Connecting is.
  const elsewhere = !target && dnsTrouble ? nameOnAnotherNetwork(input) : null;
  const serverTrouble = dnsTrouble && !elsewhere ? dnsServerTrouble(input, fromEndpoints) : null;
  if (elsewhere) {
    result.push(elsewhere);
  } else if (serverTrouble) {
    result.push(serverTrouble);
  } else if (!target && failed('dns')) {
    result.push({
      code: 'name-not-found',
      text: `${input.targetText} does not resolve from inside ${from.name} (through its own resolver).`,
    });
  }
  const outside = !target || !sharedNetworks(from, target, topology).length;
  const internalOnly =
    fromEndpoints.length > 0 && fromEndpoints.every((e) => topology.networks.find((n) => n.id === e.networkId)?.internal);
  if (outside && internalOnly && (failed('ping') || failed('route') || failed('tcp') || failed('http'))) {
    result.push({
      code: 'internal-network',
      text: `${from.name} is only on internal networks (${fromEndpoints.map((e) => e.networkName).join(', ')}): they have no route out of the host.`,
    });
  }
  const explained = result.length > 0;
  if (failed('route') && !explained) result.push({ code: 'no-route', text: `${from.name} has no route to ${input.address}.` });
  if (failed('ping') && !explained && !failed('route'))
    result.push({
      code: 'unreachable',
      text: `${from.name} gets no answer from ${input.address} (ICMP echo): check firewalls on the host and in the target.`,
    });
  const tcp = step('tcp');
  if (tcp?.status === 'fail') {
    const state = (tcp.evidence as { state?: string })?.state;
    if (state === 'refused') result.push(refusedPort(input));
    else if (!explained)
      result.push({
        code: 'port-filtered',
        text: `Port ${input.port} at ${input.address} did not answer (${state ?? 'no reply'}): a firewall drops it, or the host is unreachable.`,
      });
  }
  const http = step('http');
  if (http?.status === 'fail') {
    const evidence = http.evidence as { status?: number; statusText?: string; error?: string };
    if (evidence?.status)
      result.push({ code: 'http-error', text: `The server answered, with an error: ${evidence.statusText ?? evidence.status}.` });
    else if (tcp?.status !== 'fail')
      result.push({ code: 'http-failed', text: `The HTTP request failed: ${evidence?.error ?? 'no answer'}.` });
  }
  return result;
}

/**
 * A DNS failure that is the servers' doing, not the name's: Docker's DNS asked from a namespace Docker did not connect;
 * a --dns server that did not answer (asked directly, or by Docker's DNS forwarding to it); or no server answering.
 */
function dnsServerTrouble(input: DiagnoseInput, endpoints: EndpointInfo[]): Diagnosis | null {
  const { from, topology, target } = input;
  const failure = readDnsFailure(input.steps.find((s) => s.name === 'dns')?.evidence);
  const configured = from.dns.configured.servers;
  const dockerDns = endpoints.some((e) => topology.networks.find((n) => n.id === e.networkId)?.dns);
  const asksDocker = failure.servers.includes(EMBEDDED_DNS_SERVER) || (!failure.servers.length && from.dns.embedded);
  if (failure.kind === 'resolver-unreachable' && asksDocker && !dockerDns)
    return {
      code: 'resolver-unreachable',
      text:
        `${from.name} asks Docker's DNS server (${EMBEDDED_DNS_SERVER}), which answers only inside containers Docker connected to a ` +
        `user-defined network; ${from.name}'s interfaces were not made by Docker, so nothing answers there. Connect it to a ` +
        `user-defined network (docker network connect), or use addresses.`,
    };
  // Docker answers names of containers on shared networks itself; anything else it forwards to the --dns servers.
  const forwarded = asksDocker && dockerDns && !target && failure.kind !== 'not-found';
  if (configured.length && (forwarded || (failure.kind === 'resolver-unreachable' && !asksDocker)))
    return {
      code: 'dns-server-unreachable',
      text: forwarded
        ? `${input.targetText} is not a name Docker knows on ${from.name}'s networks, so Docker's DNS forwarded it to ${configured.join(', ')} ` +
          `(--dns), which did not answer. Make that server reachable from the host, or run ${from.name} with a --dns that answers.`
        : `${from.name} asks ${configured.join(', ')} (--dns) directly, and no answer came from inside its namespace: the server is ` +
          `unreachable or serves no DNS. Run ${from.name} with a --dns that answers.`,
    };
  if (failure.kind !== 'resolver-unreachable') return null;
  if (!failure.servers.length)
    return {
      code: 'resolver-unreachable',
      text: `${from.name} has no DNS server in its resolv.conf, so it cannot look up any name: set one with --dns.`,
    };
  return {
    code: 'resolver-unreachable',
    text:
      `No DNS server answered ${from.name}: it asks ${failure.servers.join(', ')} (its resolv.conf: the host's servers), and none ` +
      `replied from inside its namespace. Make that server reachable from ${from.name}, or set --dns to one that is.`,
  };
}

const COMPOSE_PROJECT = 'com.docker.compose.project';

/** The containers, the source's own compose project's first: the one a shared service name (every project's `db`) means. */
export function ownProjectFirst(containers: ContainerInfo[], from: ContainerInfo): ContainerInfo[] {
  const project = from.labels[COMPOSE_PROJECT];
  return [...containers].sort((a, b) => Number(b.labels[COMPOSE_PROJECT] === project) - Number(a.labels[COMPOSE_PROJECT] === project));
}

/**
 * A name (an alias, a compose service's name) Docker knows only on a user-defined network the source is not
 * on. Where several projects use the same service name (every project has its `db`), the source's own
 * project's container is the one meant.
 */
function nameOnAnotherNetwork({ topology, from, targetText }: DiagnoseInput): Diagnosis | null {
  const known = nameKnownOnlyElsewhere(topology, from, targetText);
  if (!known) return null;
  const { container, network } = known;
  return {
    code: 'name-on-other-network',
    text:
      `${targetText} is a name Docker knows on ${network.name} (${container.name}), which ${from.name} is not on: Docker's DNS ` +
      `answers a name only to containers on the same user-defined network.`,
    fix: {
      kind: 'connect',
      container: from.id,
      network: network.id,
      networkName: network.name,
      label: `Connect ${from.name} to ${network.name}`,
    },
  };
}

/**
 * Where Docker knows this name (a container's name or an alias) on a user-defined network the source is not on:
 * the container and that network, or null. (Docker's DNS will not answer it to the source from its own table.)
 */
export function nameKnownOnlyElsewhere(
  topology: Topology,
  from: ContainerInfo,
  name: string,
): { container: ContainerInfo; network: NetworkInfo } | null {
  const wanted = name.toLowerCase();
  const mine = new Set(effectiveEndpoints(from, topology).map((e) => e.networkId));
  for (const container of ownProjectFirst(topology.containers, from)) {
    for (const endpoint of effectiveEndpoints(container, topology)) {
      const network = topology.networks.find((n) => n.id === endpoint.networkId);
      if (!network?.dns || mine.has(network.id)) continue;
      if ([container.name, ...endpoint.aliases].some((known) => known.toLowerCase() === wanted)) return { container, network };
    }
  }
  return null;
}

/** A refused port, explained by what listens in the target when that is known. */
function refusedPort({ target, port, address }: DiagnoseInput): Diagnosis {
  const onPort = target ? socketsOn(target, 'tcp', port) : [];
  if (target && onPort.length && onPort.every((s) => isLoopback(s.address)))
    return {
      code: 'listens-on-loopback',
      text:
        `${target.name} listens on port ${port} only on ${onPort.map((s) => s.address).join(' and ')}, inside its own namespace: ` +
        `connections from elsewhere arrive on ${address} and are refused. Make the server bind to 0.0.0.0 (all addresses).`,
    };
  const elsewhere = (target?.listening ?? []).filter((s) => s.protocol === 'tcp').map(formatSocket);
  const known = target?.listening ? ` (${target.name} listens on ${elsewhere.length ? elsewhere.join(', ') : 'no TCP port at all'})` : '';
  return { code: 'port-closed', text: `Nothing listens on port ${port} at ${address}: the connection was refused${known}.` };
}
