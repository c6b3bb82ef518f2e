/**
 * With several engines: one engine's host frame, around its groups, titled with its name, the engine's
 * version and hostname, and its state. An engine that is not live is shaded over (its last known state
 * stays readable underneath) and says why, while the other hosts stay as they are.
 */
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { HostNode as HostNodeType } from '../../buildGraph';

const STATE_WORDS: Record<string, string> = {
  connecting: 'connecting…',
  live: 'live',
  reconnecting: 'engine lost: retrying',
  unresponsive: 'not answering',
  snapshot: 'snapshot',
};

export const HostNode = memo(function HostNode({ data }: NodeProps<HostNodeType>) {
  const { host, swarm } = data;
  const live = host.state === 'live';
  const kernelOff = live && host.helper !== null && host.helper.mode !== 'container' && host.helper.mode !== 'local';
  const engine = host.engine ? `Docker ${host.engine.version} on ${host.engine.hostname || 'unknown host'}` : host.endpoint;
  return (
    <div className={`host-node${live ? '' : ' host-down'}`} data-testid={`host-${host.name}`} data-state={host.state}>
      <div className="host-title">
        <span className="host-name">{host.name}</span>
        <span className="host-engine">{engine}</span>
        {swarm && (
          <span className={`host-swarm${swarm.state === 'ready' ? '' : ' trouble'}`} data-testid="host-swarm">
            swarm {swarm.role === 'manager' ? (swarm.leader ? 'manager (leader)' : 'manager') : 'worker'}
            {swarm.state === 'ready' ? '' : `, ${swarm.state}`}
            {swarm.availability === 'active' ? '' : `, ${swarm.availability}`}
          </span>
        )}
        {kernelOff && (
          // Each engine has its own helper: one that could not run is said on its own frame (veths and bridges not drawn there).
          <span className="host-kernel" data-testid="host-kernel" title={host.helper?.reason ?? undefined}>
            no kernel view
          </span>
        )}
        <span className={`host-state state-${host.state}`}>{STATE_WORDS[host.state] ?? host.state}</span>
      </div>
      {!live && (
        <div className="host-why" role="status">
          {host.error ?? 'No answer from this engine yet.'}
          {host.engine ? ' What is drawn is how it was when it last answered.' : ''}
        </div>
      )}
    </div>
  );
});
