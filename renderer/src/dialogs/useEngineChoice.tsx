/**
 * With several engines followed: which one a new network or container is made on. The engine of what is
 * selected, else the first live one; a select in the form while there is more than one. With one engine,
 * nothing to choose and nothing shown.
 */
import { useState, type ReactNode } from 'react';
import { hostPart } from '../../../common/combineHosts';
import type { Topology } from '../../../common/topology';
import { engineOfSelection } from '../store/selectedEngine';
import { useDockwire, useTopology } from '../store/store';
import { Field } from './Dialog';

export function useEngineChoice(): { engine: string | undefined; part: Topology | null; field: ReactNode } {
  const topology = useTopology();
  const selected = useDockwire((state) => engineOfSelection(topology, state.selection));
  const hosts = topology?.hosts ?? [];
  const [engine, setEngine] = useState(() => selected ?? hosts.find((h) => h.state === 'live')?.name ?? hosts[0]?.name);
  const part = topology ? hostPart(topology, engine) : null;
  const field =
    hosts.length > 1 ? (
      <Field label="Engine" hint="the host it is made on">
        <select value={engine} onChange={(event) => setEngine(event.target.value)} aria-label="Engine">
          {hosts.map((host) => (
            <option key={host.name} value={host.name} disabled={host.state !== 'live'}>
              {host.name}
              {host.state === 'live' ? '' : ` (${host.state})`}
            </option>
          ))}
        </select>
      </Field>
    ) : null;
  return { engine: hosts.length ? engine : undefined, part, field };
}
