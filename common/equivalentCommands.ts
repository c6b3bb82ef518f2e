/**
 * For every change Dockwire makes to a host, the command a person would type
 * to make it: Docker's own where it has one, else Dockwire's CLI. Shown (and
 * copyable) in every dialog that changes the host, so nothing Dockwire does is
 * magic and every gesture teaches the command line.
 */
import type { ConnectSpec, ContainerAction, NetworkSpec, RunSpec } from './specs.js';
import type { WireSpec } from './wirePlan.js';

/** Quotes a word for a POSIX shell only where it needs it. */
export const shellQuote = (word: string) => (/^[a-zA-Z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
const command = (...parts: string[]) => parts.map(shellQuote).join(' ');

/** `docker`, pointed at one of several engines the way it was named: a context (--context) or an address (--host). */
function docker(engine: string | undefined): string[] {
  if (engine === undefined) return ['docker'];
  return engine.includes('://') ? ['docker', '--host', engine] : ['docker', '--context', engine];
}

/** Names as a person types them (the spec may hold ids); of several engines, the one it happens on. */
export interface Names {
  container: string;
  network: string;
  engine?: string;
}

export function dockerNetworkConnect(spec: ConnectSpec, names: Names): string {
  const parts = [...docker(names.engine), 'network', 'connect'];
  if (spec.ipv4) parts.push('--ip', spec.ipv4);
  if (spec.ipv6) parts.push('--ip6', spec.ipv6);
  for (const alias of spec.aliases ?? []) parts.push('--alias', alias);
  return command(...parts, names.network, names.container);
}

export const dockerNetworkDisconnect = (names: Names) =>
  command(...docker(names.engine), 'network', 'disconnect', names.network, names.container);

export function dockerNetworkCreate(spec: NetworkSpec): string {
  const parts = [...docker(spec.engine), 'network', 'create', '--driver', spec.driver];
  if (spec.ipv4) {
    parts.push('--subnet', spec.ipv4.subnet);
    if (spec.ipv4.gateway) parts.push('--gateway', spec.ipv4.gateway);
    if (spec.ipv4.ipRange) parts.push('--ip-range', spec.ipv4.ipRange);
    for (const [name, address] of Object.entries(spec.ipv4.auxAddresses ?? {})) parts.push('--aux-address', `${name}=${address}`);
  }
  if (spec.ipv6) {
    parts.push('--ipv6', '--subnet', spec.ipv6.subnet);
    if (spec.ipv6.gateway) parts.push('--gateway', spec.ipv6.gateway);
  }
  if (spec.internal) parts.push('--internal');
  if (spec.attachable) parts.push('--attachable');
  if (spec.bridge?.name) parts.push('-o', `com.docker.network.bridge.name=${spec.bridge.name}`);
  if (spec.bridge?.icc !== undefined) parts.push('-o', `com.docker.network.bridge.enable_icc=${spec.bridge.icc}`);
  if (spec.bridge?.ipMasquerade !== undefined)
    parts.push('-o', `com.docker.network.bridge.enable_ip_masquerade=${spec.bridge.ipMasquerade}`);
  if (spec.bridge?.mtu !== undefined) parts.push('-o', `com.docker.network.driver.mtu=${spec.bridge.mtu}`);
  if (spec.parent) parts.push('-o', `parent=${spec.parent}`);
  if (spec.mode) parts.push('-o', `${spec.driver}_mode=${spec.mode}`);
  for (const [key, value] of Object.entries(spec.labels ?? {})) parts.push('--label', `${key}=${value}`);
  return command(...parts, spec.name);
}

/** Removing a network in use: Dockwire disconnects its containers first; so would a person. */
export function dockerNetworkRm(network: string, disconnectFirst: string[] = [], engine?: string): string {
  return [
    ...disconnectFirst.map((container) => dockerNetworkDisconnect({ container, network, ...(engine ? { engine } : {}) })),
    command(...docker(engine), 'network', 'rm', network),
  ].join(' && ');
}

export function dockerContainerAction(action: ContainerAction, container: string, engine?: string): string {
  // Remove stops first, with Docker's grace period, as the backend does: not rm -f, which kills at once.
  return action === 'remove'
    ? `${command(...docker(engine), 'stop', container)} && ${command(...docker(engine), 'rm', container)}`
    : command(...docker(engine), action, container);
}

/** The `docker run` command that does what this RunSpec does. */
export function dockerRunCommand(spec: RunSpec): string {
  const parts = [...docker(spec.engine), 'run', '-d'];
  if (spec.name) parts.push('--name', spec.name);
  const mode = spec.networkMode;
  parts.push('--network', mode.kind === 'network' ? mode.network : mode.kind === 'container' ? `container:${mode.container}` : mode.kind);
  for (const alias of spec.aliases ?? []) parts.push('--network-alias', alias);
  for (const port of spec.ports ?? []) {
    parts.push(
      '-p',
      `${port.hostIp ? `${port.hostIp}:` : ''}${port.hostPort}:${port.containerPort}${port.protocol === 'tcp' ? '' : `/${port.protocol}`}`,
    );
  }
  for (const server of spec.dns ?? []) parts.push('--dns', server);
  for (const domain of spec.dnsSearch ?? []) parts.push('--dns-search', domain);
  for (const entry of spec.extraHosts ?? []) parts.push('--add-host', entry);
  for (const [key, value] of Object.entries(spec.labels ?? {})) parts.push('--label', `${key}=${value}`);
  parts.push(spec.image, ...(spec.command ?? []));
  return command(...parts);
}

/** Docker has no command for wiring by hand: Dockwire's does the seed's ip(8) steps. */
export function dockwireWire(spec: WireSpec, names: Names): string {
  const parts = ['dockwire', 'wire', names.container, names.network];
  if (spec.address) parts.push('--ip', spec.address);
  if (spec.containerIfname) parts.push('--ifname', spec.containerIfname);
  if (spec.hostIfname) parts.push('--host-ifname', spec.hostIfname);
  if (spec.route === false) parts.push('--no-route');
  return command(...parts);
}

export const dockwireUnwire = (container: string, ifname: string) => command('dockwire', 'unwire', container, ifname);
