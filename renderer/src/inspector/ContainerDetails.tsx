import type { ReactNode } from 'react';
import { formatPort, formatSocket, loopbackOnlyWarning } from '../../../common/format';
import { resolverSummary } from '../../../common/resolverSummary';
import type { ContainerInfo, Topology } from '../../../common/topology';
import { act } from '../actions/registry';
import { Fields, list, record } from './Fields';
import { RawJson } from './RawJson';
import { FirewallRules, firewallReadable } from './FirewallRules';
import type { FirewallScope } from '../../../common/firewallView';

/** readOnly: why nothing can be tested from here (a snapshot, or a ghost of one): the test buttons are left out. */
export function ContainerDetails({
  container,
  topology,
  readOnly,
}: {
  container: ContainerInfo;
  topology: Topology;
  readOnly: string | null;
}) {
  const owner = container.netnsOwner ? topology.containers.find((c) => c.id === container.netnsOwner) : undefined;
  const handWired = topology.unmanagedLinks.filter((l) => l.peer?.containerId === container.id);
  const resolver = resolverSummary(container, topology);
  return (
    <>
      <h2>
        Container <span className="mono">{container.name}</span>
      </h2>
      <Fields
        rows={[
          // Of several engines followed, the one it is on.
          ...(container.host === undefined ? [] : [['Engine', container.host] as [string, string]]),
          ['ID', <span className="mono wrap">{container.id}</span>],
          ['Image', container.image],
          ['State', container.status],
          [
            'Network mode',
            container.networkModeKind === 'container' ? `container:${owner?.name ?? container.netnsOwner}` : container.networkMode,
          ],
          ['PID', container.pid],
          [
            'Interfaces',
            container.endpoints.length || handWired.length ? (
              <ul className="kv">
                {container.endpoints.map((e) => (
                  <li key={e.networkId} className="mono">
                    {e.ifname ?? 'eth?'} {e.networkName} {e.ipv4 ?? ''} {e.mac ?? ''}
                  </li>
                ))}
                {handWired.map((l) => (
                  <li key={l.ifindex} className="mono">
                    {l.peer?.ifname} {l.master ?? ''} {l.peer?.addresses.join(' ')} (wired by hand)
                  </li>
                ))}
              </ul>
            ) : container.networkModeKind === 'none' ? (
              'only lo (--network none)'
            ) : null,
          ],
          [
            'Published ports',
            container.ports.length ? (
              <ul className="kv">
                {container.ports.map((port) => (
                  <li key={formatPort(port)} className="published-port">
                    <span className="mono">
                      {formatPort(port)}
                      {loopbackOnlyWarning(container, port)}
                    </span>{' '}
                    {port.protocol === 'tcp' && container.state === 'running' && !readOnly && (
                      <button
                        type="button"
                        className="small"
                        onClick={() => void act('test.fromHost', { target: `${container.name}:${port.containerPort}`, httpPath: '' })}
                      >
                        Test from host
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            ) : null,
          ],
          [
            'Listening',
            container.listening === null
              ? 'not read (needs the kernel view and a running container)'
              : container.listening.length
                ? list(container.listening.map((s) => `${s.protocol} ${formatSocket(s)}`))
                : 'nothing, when its namespace was last read',
          ],
          [
            'Resolver',
            <div data-testid="resolver">
              <div className="resolver-line">{resolver.line}</div>
              {resolver.details.length > 0 && (
                <ul className="kv">
                  {resolver.details.map((detail) => (
                    <li key={detail}>{detail}</li>
                  ))}
                </ul>
              )}
              {container.dns.nameservers.length > 0 && (
                <div className="muted mono">
                  resolv.conf: nameserver {container.dns.nameservers.join(', ')}
                  {container.dns.search.length ? ` · search ${container.dns.search.join(' ')}` : ''}
                </div>
              )}
            </div>,
          ],
          ...namespaceTruncatedRow(container),
          ['Labels', record(container.labels)],
        ]}
      />
      {!readOnly && (
        <button
          type="button"
          className="primary test-button"
          onClick={() => void act('container.test', undefined, { kind: 'container', id: container.id })}
        >
          Test connectivity from {container.name}
        </button>
      )}
      {!readOnly && firewallReadable(topology) && container.ports.length > 0 && (
        <FirewallRules title="Firewall rules of its published ports" scope={portsScope(container)} />
      )}
      <RawJson kind="container" id={container.id} />
    </>
  );
}

/** Each published port: the host port Docker's DNAT catches, and the container's address and port it sends to. */
function portsScope(container: ContainerInfo): FirewallScope {
  const address = container.endpoints.find((e) => e.ipv4)?.ipv4?.split('/')[0] ?? null;
  return {
    kind: 'ports',
    ports: container.ports.map((p) => ({
      hostPort: p.hostPort,
      protocol: p.protocol,
      containerAddress: address,
      containerPort: p.containerPort,
    })),
  };
}

/** Said only when it applies: a namespace past the helper's bounds was read in part. */
function namespaceTruncatedRow(container: ContainerInfo): Array<[string, ReactNode]> {
  if (!container.namespaceTruncated.length) return [];
  return [
    [
      'Kernel view',
      <span className="warn-text" data-testid="namespace-truncated">
        ⚠ its namespace holds more than Dockwire reads: {container.namespaceTruncated.join('; ')}
      </span>,
    ],
  ];
}
