import type { ReactNode } from 'react';
import type { NetworkInfo, Topology } from '../../../common/topology';
import { useDockwire } from '../store/store';
import { Fields, list, record } from './Fields';
import { overlayRows } from './OverlayDetails';
import { RawJson } from './RawJson';
import { FirewallRules, firewallReadable } from './FirewallRules';

/** readOnly: a snapshot (or a ghost of one) is on screen: the firewall, which is the engine host's now, is left out. */
export function NetworkDetails({ network, topology, readOnly }: { network: NetworkInfo; topology: Topology; readOnly: string | null }) {
  const attached = topology.containers.filter((c) => c.endpoints.some((e) => e.networkId === network.id));
  const bridge = network.bridge;
  const unmanaged = network.driver === 'host' ? topology.unmanagedLinks : topology.unmanagedLinks.filter((l) => l.networkId === network.id);
  return (
    <>
      <h2>
        Network <span className="mono">{network.name}</span>
      </h2>
      <Fields
        rows={[
          // Of several engines followed, the one it is on.
          ...(network.host === undefined ? [] : [['Engine', network.host] as [string, string]]),
          ['ID', <span className="mono wrap">{network.id}</span>],
          ['Driver', network.driver],
          ['Scope', network.scope],
          ['Subnets', list(network.subnets.map((s) => s.subnet + (s.ipRange ? ` (range ${s.ipRange})` : '')))],
          ['Gateway', list(network.subnets.map((s) => s.gateway ?? '').filter(Boolean))],
          ['Linux bridge', bridge?.name],
          ...(bridge && bridge.ifindex !== null
            ? ([
                ['Bridge state', `${bridge.state} · ifindex ${bridge.ifindex} · MTU ${bridge.mtu}`],
                ['Bridge MAC', <span className="mono">{bridge.mac}</span>],
                ['Bridge ports', list(bridge.ports)],
              ] as Array<[string, ReactNode]>)
            : []),
          ['Parent interface', network.parent],
          ...overlayRows(network, topology),
          ['DNS names', network.dns ? 'yes: containers resolve each other by name and alias' : dnsMissingReason(network)],
          ['Internal', network.internal ? 'yes: no route out of the host' : 'no'],
          ['Attachable', network.attachable ? 'yes' : 'no'],
          ['IPv6', network.ipv6 ? 'enabled' : 'disabled'],
          ['Containers', list(attached.map((c) => c.name))],
          [
            network.driver === 'host' ? 'Links Docker does not know' : 'Hand-made links',
            unmanaged.length ? (
              <ul className="kv">
                {unmanaged.map((link) => (
                  <li key={link.ifindex}>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => useDockwire.getState().select({ kind: 'link', ifindex: link.ifindex })}
                    >
                      {link.kind} {link.name}
                      {link.master ? ` on ${link.master}` : ''}
                    </button>
                  </li>
                ))}
              </ul>
            ) : null,
          ],
          ['Options', record(network.options)],
          ['Labels', record(network.labels)],
          ['Created', network.createdAt],
        ]}
      />
      {!readOnly && firewallReadable(topology) && (network.bridge || network.driver === 'host') && (
        <FirewallRules
          title={network.driver === 'host' ? 'The host’s firewall' : 'Firewall rules of this network'}
          scope={
            network.driver === 'host'
              ? { kind: 'host' }
              : { kind: 'network', bridge: network.bridge?.name ?? null, subnets: network.subnets.map((s) => s.subnet) }
          }
        />
      )}
      <RawJson kind="network" id={network.id} />
    </>
  );
}

export function dnsMissingReason(network: NetworkInfo): string {
  if (network.driver === 'host' || network.driver === 'null') return 'no';
  if (network.driver === 'overlay' && network.name === 'ingress') return 'no: swarm’s routing mesh carries published ports, not names';
  if (network.name === 'docker_gwbridge') return 'no: it is overlay containers’ way out; their names are on their overlay networks';
  return 'no: the default bridge gives no DNS names; use a user-defined network, or the IP';
}
