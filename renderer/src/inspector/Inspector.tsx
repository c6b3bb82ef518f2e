/** The side panel: every fact about the selected container, network, endpoint or hand-made link. */
import { useDockwire, useSelection, useTopology } from '../store/store';
import { ContainerDetails } from './ContainerDetails';
import { EndpointDetails } from './EndpointDetails';
import { LinkDetails } from './LinkDetails';
import { NetworkDetails } from './NetworkDetails';
import { subjectOf } from '../actions/subject';
import { readOnlyReason } from '../actions/readOnly';
import { sinceSnapshot } from './sinceSnapshot';

export function Inspector() {
  const topology = useTopology();
  const selection = useSelection();
  const view = useDockwire((state) => state.view);
  const compare = useDockwire((state) => state.compare);
  if (!topology || !selection) {
    return (
      <aside className="inspector" data-testid="inspector">
        <p className="muted">Click a network, a container or a wire to see its details.</p>
      </aside>
    );
  }
  let body = <p className="muted">It is gone from the engine.</p>;
  const readOnly = readOnlyReason({ view, compare }, subjectOf(topology, selection));
  const since = compare ? sinceSnapshot(compare, topology, selection) : [];
  if (selection.kind === 'network') {
    const network = topology.networks.find((n) => n.id === selection.id);
    if (network) body = <NetworkDetails network={network} topology={topology} readOnly={readOnly} />;
  } else if (selection.kind === 'container') {
    const container = topology.containers.find((c) => c.id === selection.id);
    if (container) body = <ContainerDetails container={container} topology={topology} readOnly={readOnly} />;
  } else if (selection.kind === 'endpoint') {
    const container = topology.containers.find((c) => c.id === selection.containerId);
    const endpoint = container?.endpoints.find((e) => e.networkId === selection.networkId);
    const network = topology.networks.find((n) => n.id === selection.networkId);
    if (container && endpoint) body = <EndpointDetails container={container} endpoint={endpoint} network={network} />;
  } else {
    const link = topology.unmanagedLinks.find((l) => l.ifindex === selection.ifindex);
    if (link) body = <LinkDetails link={link} topology={topology} />;
  }
  return (
    <aside className="inspector" data-testid="inspector">
      <button type="button" className="close" onClick={() => useDockwire.getState().select(null)} aria-label="Close the inspector">
        ×
      </button>
      {since.length > 0 && (
        <section className="since-snapshot" data-testid="since-snapshot">
          <h3>Since the snapshot</h3>
          <ul className="kv mono">
            {since.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      )}
      {readOnly && (
        <p className="read-only-note" role="note" data-testid="inspector-read-only">
          {readOnly}
        </p>
      )}
      {body}
    </aside>
  );
}
