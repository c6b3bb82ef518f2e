/**
 * Checks a RunSpec, parses what the run dialog's text fields hold, and writes
 * the `docker run` command that does the same, for people who want to type it.
 */
import { isIPv6, parseIPv4 } from './ipv4.js';
import { DOCKER_NAME, NAME_RULE, nameProblem } from './names.js';
import { parseImageRef } from './imageRef.js';
import { findContainer, findNetwork } from './resolve.js';
import type { FieldProblem, PortSpec, RunSpec } from './specs.js';
import type { Topology } from './topology.js';

/** An image id as `docker run` takes it (sha256:… or its hex digits), besides a reference. */
const IMAGE_ID = /^(sha256:)?[0-9a-f]{12,64}$/;

/** Whether the engine has the image is asked of the engine (it is pulled first when not: ./imageRef.ts). */
export function validateRun(spec: RunSpec, topology: Topology): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (!spec.image) add('image', 'Choose an image.');
  else if (!IMAGE_ID.test(spec.image)) {
    try {
      parseImageRef(spec.image);
    } catch (error) {
      add('image', (error as Error).message);
    }
  }
  if (spec.name) {
    const problem = nameProblem('container', spec.name);
    if (problem) add('name', problem);
    else if (topology.containers.some((c) => c.name === spec.name)) add('name', `A container named "${spec.name}" already exists.`);
  }
  const mode = spec.networkMode;
  if (mode.kind === 'network' && !findNetwork(topology, mode.network)) add('networkMode', `No network "${mode.network}" on this engine.`);
  if (mode.kind === 'container') {
    const owner = findContainer(topology, mode.container);
    if (!owner) add('networkMode', `No container "${mode.container}" to share a namespace with.`);
    else if (owner.state !== 'running')
      add('networkMode', `${owner.name} is ${owner.state}: a container can only join the namespace of a running one.`);
  }
  const ownNamespace = mode.kind === 'network';
  if ((spec.ports ?? []).length && !ownNamespace) {
    add(
      'ports',
      mode.kind === 'host'
        ? 'With --network host the container listens on the host’s ports directly: nothing to publish.'
        : `Ports cannot be published in --network ${mode.kind} mode: the container has no network of its own.`,
    );
  }
  if ((spec.aliases ?? []).length && !ownNamespace)
    add('aliases', 'Aliases are names on a network: they need --network <a user-defined network>.');
  for (const alias of spec.aliases ?? [])
    if (!DOCKER_NAME.test(alias)) add('aliases', `"${alias}" is not a valid alias: use ${NAME_RULE}.`);
  for (const server of spec.dns ?? [])
    if (parseIPv4(server) === null && !isIPv6(server)) add('dns', `"${server}" is not an IP address of a DNS server.`);
  for (const entry of spec.extraHosts ?? []) {
    const at = entry.indexOf(':');
    const [host, address] = at > 0 ? [entry.slice(0, at), entry.slice(at + 1)] : ['', ''];
    if (
      !/^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$/.test(host) ||
      (parseIPv4(address) === null && !isIPv6(address) && address !== 'host-gateway')
    )
      add('extraHosts', `"${entry}" is not NAME:ADDRESS (for example db.local:10.0.0.5).`);
  }
  for (const port of spec.ports ?? []) {
    if (!validPort(port.hostPort) || !validPort(port.containerPort))
      add('ports', `Ports must be numbers from 1 to 65535 (${port.hostPort}:${port.containerPort}).`);
  }
  return problems;
}

const validPort = (port: number) => Number.isInteger(port) && port >= 1 && port <= 65535;

/** "5050:80, 127.0.0.1:8443:443/tcp, 53:53/udp" -> PortSpec[], or the first entry that does not parse. */
export function parsePorts(text: string): PortSpec[] | { problem: string } {
  const ports: PortSpec[] = [];
  for (const entry of text.split(/[\s,]+/).filter(Boolean)) {
    const match = /^(?:(\d{1,3}(?:\.\d{1,3}){3}):)?(\d{1,5}):(\d{1,5})(?:\/(tcp|udp|sctp))?$/.exec(entry);
    if (!match) return { problem: `"${entry}" is not a port mapping: write HOST:CONTAINER, for example 5050:80 or 127.0.0.1:5050:80/tcp.` };
    ports.push({
      ...(match[1] ? { hostIp: match[1] } : {}),
      hostPort: Number(match[2]),
      containerPort: Number(match[3]),
      protocol: (match[4] ?? 'tcp') as PortSpec['protocol'],
    });
  }
  return ports;
}

/** Splits a command line the way a shell would for simple cases: spaces, and '…' or "…" quoting. */
export function splitCommand(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | null = null;
  let started = false;
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = null;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (/\s/.test(char)) {
      if (started || current) words.push(current);
      current = '';
      started = false;
    } else {
      current += char;
    }
  }
  if (started || current) words.push(current);
  return words;
}
