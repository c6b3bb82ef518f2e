/**
 * Wire a container to a bridge by hand, as the seed does: Dockwire proposes
 * the names, a free address and the route; each step shows its ip(8) command
 * and ticks off as the helper completes it; a failed step is undone.
 */
import { useState } from 'react';
import { planWire, wireScript, type WirePlan } from '../../../common/wirePlan';
import { act, previewChange } from '../actions/registry';
import { useDockwire, useTopology } from '../store/store';
import { Dialog, Field } from './Dialog';
import { EquivalentCommand } from './EquivalentCommand';
import { useSubmit } from './useSubmit';

const MARK: Record<string, string> = { running: '⏳', done: '✓', failed: '✗', undone: '↩' };

export function WireDialog({ containerId, networkId }: { containerId: string; networkId?: string }) {
  const topology = useTopology();
  const bridges = (topology?.networks ?? []).filter((n) => n.bridge && n.subnets.length);
  const [network, setNetwork] = useState(networkId ?? bridges.find((n) => n.name === 'bridge')?.id ?? bridges[0]?.id ?? '');
  const [address, setAddress] = useState('');
  const [hostIfname, setHostIfname] = useState('');
  const [containerIfname, setContainerIfname] = useState('');
  const [routeChoice, setRouteChoice] = useState<boolean | null>(null);
  const [wireId] = useState(() => Math.floor(Math.random() * 1_000_000_000));
  const progress = useDockwire((state) => state.wireProgress[wireId]);
  const spec = {
    container: containerId,
    network,
    ...(address.trim() ? { address: address.trim() } : {}),
    ...(hostIfname.trim() ? { hostIfname: hostIfname.trim() } : {}),
    ...(containerIfname.trim() ? { containerIfname: containerIfname.trim() } : {}),
    ...(routeChoice !== null ? { route: routeChoice } : {}),
  };
  const live = topology ? planWire(topology, spec) : { plan: null, problems: [] };
  // Once wiring starts, show the plan being carried out, not a fresh proposal
  // made from the Topology that the wiring itself is changing.
  const [frozen, setFrozen] = useState<WirePlan | null>(null);
  const plan = frozen ?? live.plan;
  const problems = frozen ? [] : live.problems;
  const command = previewChange('container.wireTo', { ...spec, wireId })?.command ?? '';
  const { dialogProps, succeeded } = useSubmit(() => {
    setFrozen(live.plan);
    return act('container.wireTo', { ...spec, wireId });
  }, true);
  return (
    <Dialog
      title={`Wire ${plan?.containerName ?? 'container'} to a bridge by hand`}
      testId="wire-dialog"
      submitLabel={succeeded ? '' : 'Wire'}
      problems={problems}
      {...dialogProps}
      wide
    >
      <div className="form-grid">
        <Field label="Bridge">
          <select value={network} onChange={(event) => setNetwork(event.target.value)} aria-label="Bridge">
            {bridges.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name} ({n.bridge?.name}, {n.subnets[0]?.subnet})
              </option>
            ))}
          </select>
        </Field>
        <Field label="Address" hint={plan ? `proposed: ${plan.address}, free in the subnet` : undefined}>
          <input value={address} onChange={(event) => setAddress(event.target.value)} placeholder={plan?.address} aria-label="Address" />
        </Field>
        <Field label="Host-side veth name">
          <input
            value={hostIfname}
            onChange={(event) => setHostIfname(event.target.value)}
            placeholder={plan?.hostIfname}
            aria-label="Host-side veth name"
          />
        </Field>
        <Field label="Name inside the container">
          <input
            value={containerIfname}
            onChange={(event) => setContainerIfname(event.target.value)}
            placeholder={plan?.containerIfname}
            aria-label="Name inside the container"
          />
        </Field>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={plan?.route ?? false}
          disabled={!plan?.gateway}
          onChange={(event) => setRouteChoice(event.target.checked)}
          aria-label="Default route"
        />
        Default route via the bridge’s gateway {plan?.gateway ?? '(none known)'}
      </label>
      <p className="muted">
        Docker will not know this endpoint: it is drawn as “wired by hand”, and Docker’s address management may one day hand the same
        address to a new container.
      </p>
      <ol className="wire-steps" data-testid="wire-steps">
        {plan?.steps.map((step, index) => (
          <li key={step.command} className={`wire-step ${progress?.[index] ?? 'pending'}`} data-testid={`wire-step-${index}`}>
            <span className="mark">{MARK[progress?.[index] ?? ''] ?? '·'}</span> {step.name}
            <code>{step.command}</code>
          </li>
        ))}
      </ol>
      {dialogProps.failure && frozen && (
        <button type="button" onClick={() => setFrozen(null)}>
          Change and try again
        </button>
      )}
      {succeeded && (
        <p className="verdict ok" data-testid="wire-done">
          {succeeded}
        </p>
      )}
      <EquivalentCommand command={command} />
      {plan && <EquivalentCommand command={wireScript(plan)} testId="wire-script" copyLabel="Copy as a shell script" />}
    </Dialog>
  );
}
