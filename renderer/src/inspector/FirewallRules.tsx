/**
 * The firewall rules that concern what the inspector shows (a network's bridge and subnets, a container's published
 * ports, or the whole host for the host network), as iptables -S prints them, in words, with their packet counters.
 * Read-only: read when opened, and again every few seconds while open, so the counters move.
 */
import { useEffect, useState } from 'react';
import { rulesFor, type FirewallScope } from '../../../common/firewallView';
import type { Topology } from '../../../common/topology';
import { act } from '../actions/registry';
import { useFirewall } from '../store/firewallStore';

const DROPPING = new Set(['DROP', 'REJECT']);

/** The helper reads the firewall: without it there is nothing to show. */
export const firewallReadable = (topology: Topology) => topology.helper.mode === 'container' || topology.helper.mode === 'local';

function Rules({ scope }: { scope: FirewallScope }) {
  const view = useFirewall((state) => state.view);
  const error = useFirewall((state) => state.error);
  useEffect(() => {
    const unwatch = useFirewall.getState().watch();
    void act('firewall.read');
    return unwatch;
  }, []);
  if (error) return <p className="error">{error}</p>;
  if (!view) return <p className="muted">Reading the firewall…</p>;
  const chains = rulesFor(view, scope);
  return (
    <div data-testid="firewall-rules">
      {chains.length === 0 && <p className="muted">No rule of the filter or nat table names it.</p>}
      {chains.map(({ chain, rules }) => (
        <div key={`${chain.table} ${chain.name}`} className="firewall-chain">
          <h4>
            <span className="mono">
              {chain.table} {chain.name}
            </span>
            {chain.hook && (
              <span className={chain.policy === 'drop' ? 'bad-text' : 'muted'}>
                {' '}
                · policy {chain.policy?.toUpperCase()}
                {chain.packets !== null ? ` (${chain.packets} packets)` : ''}
              </span>
            )}
          </h4>
          <ul className="kv">
            {rules.map((rule) => (
              <li key={rule.handle} className={`firewall-rule${DROPPING.has(rule.target ?? '') ? ' dropping' : ''}`}>
                <code className="rule-line">{rule.line}</code>
                <span>{rule.words}</span>
                <span className="counter">{rule.packets} packets</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {view.legacy.length > 0 && <p className="muted">Legacy iptables tables are in use and not read here: {view.legacy.join(', ')}.</p>}
      <p className="muted">Read at {new Date(view.readAt).toLocaleTimeString()}. Dockwire only reads the firewall.</p>
    </div>
  );
}

/** Closed at first: opening it reads the firewall (and keeps its counters moving while open). */
export function FirewallRules({ scope, title }: { scope: FirewallScope; title: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="firewall" data-testid="firewall" onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}>
      <summary>{title}</summary>
      {open && <Rules scope={scope} />}
    </details>
  );
}
