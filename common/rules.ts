/**
 * What may be done to what: each rule once, in words. The action registry (what menus, keys and the palette
 * offer), the drop (and its highlight while dragging), the dialogs' checks and the backend all ask here, so
 * what is offered, what is highlighted and what is accepted can never disagree.
 *
 * Each rule answers why not (a sentence the user reads), or null when it may be done.
 */
import { endpointOn } from './attachment.js';
import type { ContainerInfo, EngineInfo, NetworkInfo } from './topology.js';

/** host and none: Docker's predefined network modes, which a container is created in, never connected to. */
const isModeNetwork = (network: NetworkInfo) => network.driver === 'host' || network.driver === 'null';

/** Why a container cannot be connected to any network (its network mode); null when it can. */
export function whyNotConnect(container: ContainerInfo): string | null {
  if (container.networkModeKind === 'host' || container.networkModeKind === 'none' || container.networkModeKind === 'container') {
    const mode =
      container.networkModeKind === 'container'
        ? 'shares another container’s namespace'
        : `runs with --network ${container.networkModeKind}`;
    return `${container.name} ${mode}: Docker connects it to no network.`;
  }
  return null;
}

/**
 * With several engines followed: why a container cannot join a network of another engine; null when both are on one.
 * (Docker connects a container only to networks its own engine knows.)
 */
export function whyNotAcrossEngines(
  container: Pick<ContainerInfo, 'name' | 'host'>,
  network: Pick<NetworkInfo, 'name' | 'host' | 'scope'>,
): string | null {
  // A swarm's network (an overlay) is every member engine's: Docker itself says no to an engine outside the swarm.
  if (container.host === network.host || network.scope === 'swarm') return null;
  return `${container.name} runs on ${container.host} and ${network.name} is a network of ${network.host}: a container joins only networks of its own engine.`;
}

/** Why a container cannot be connected to this network (it is a mode, not a network; it is there already); null when it can. */
export function whyNotConnectTo(container: ContainerInfo, network: NetworkInfo): string | null {
  const acrossEngines = whyNotAcrossEngines(container, network);
  if (acrossEngines) return acrossEngines;
  if (isModeNetwork(network)) {
    return `${network.name} is Docker’s ${network.name} mode: a container is put in it when it is created (docker run --network ${network.name}), not connected.`;
  }
  if (endpointOn(container, network.id)) return `${container.name} is already on ${network.name}: nothing to do.`;
  return null;
}

/** Why a container cannot be wired to a bridge by hand (its mode, or it is not running); null when it can. */
export function whyNotWire(container: ContainerInfo): string | null {
  if (container.networkModeKind === 'host') return `${container.name} uses the host’s network namespace: there is nothing to wire into.`;
  if (container.networkModeKind === 'container')
    return `${container.name} shares another container’s namespace: wire that container instead.`;
  if (container.state !== 'running' || !container.pid)
    return `${container.name} is ${container.state}: it has a namespace to wire only while it runs.`;
  return null;
}

/** Why nothing can be wired by hand to this network; null when it has a Linux bridge. */
export function whyNotWireTo(network: NetworkInfo): string | null {
  return network.bridge ? null : `${network.name} is a ${network.driver} network, not a Linux bridge: only bridges can be wired by hand.`;
}

/** Why a container's endpoint on a network cannot be disconnected; null when it can. */
export function whyNotDisconnect(container: ContainerInfo, network: NetworkInfo): string | null {
  if (!endpointOn(container, network.id)) return `${container.name} is not on ${network.name}.`;
  if (container.networkModeKind !== 'network' && container.networkModeKind !== 'bridge')
    return `${container.name} was created in ${network.name} (--network ${container.networkMode}): it leaves it only when it is removed.`;
  return null;
}

/** Why a container's packets cannot be captured; null when they can. */
export function whyNotCapture(container: ContainerInfo): string | null {
  if (container.state !== 'running') return `${container.name} is not running (${container.status}): start it, then capture.`;
  if (container.networkModeKind === 'host')
    return `${container.name} uses the host's network (--network host): its traffic is the host's. Capture on the host instead, e.g. tcpdump -i <interface> host <address>.`;
  return null;
}

/**
 * Why the VXLAN carrying a container's overlay traffic cannot be captured on its host's underlay; null when it
 * can. engine: the container's own engine (of several, its host's).
 */
export function whyNotCaptureUnderlay(container: ContainerInfo, networks: NetworkInfo[], engine: EngineInfo | null): string | null {
  const overlays = container.endpoints.filter((e) => networks.find((n) => n.id === e.networkId)?.driver === 'overlay');
  if (!overlays.length) return `${container.name} is on no overlay network: none of its traffic crosses the underlay.`;
  if (!engine?.swarmAddress) return `${container.name}'s engine is not a swarm node: its overlay has no underlay to capture on.`;
  if (!engine.swarmInterface)
    return `The kernel view of ${engine.hostname} did not find the interface holding its swarm address ${engine.swarmAddress}.`;
  return null;
}

/** Why no container can be run on (or tested across) a network; null when it can. */
export function whyNotRunOn(network: NetworkInfo): string | null {
  return isModeNetwork(network) ? `${network.name} is Docker’s ${network.name} mode, not a network containers share.` : null;
}

/** Why a network cannot be removed; null when it can (its containers are disconnected first, after asking). */
export function whyNotRemoveNetwork(network: NetworkInfo): string | null {
  return network.predefined ? `${network.name} is one of Docker’s own networks (bridge, host, none): it cannot be removed.` : null;
}
