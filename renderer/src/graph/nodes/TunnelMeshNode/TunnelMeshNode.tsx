/**
 * A swarm network across nodes, as the kernel carries it: each node's end of its VXLAN tunnels (underlay
 * address, the overlay namespace's br0 and vxlan0) under that node's host frame, and a tunnel between every
 * two ends, turning under them (a longer one deeper, leaving its ends nearer their middle, so none cross).
 * A tunnel one node does not know the other for is drawn broken, with why.
 */
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { describeTunnelEnd, mtuProblem, type Tunnel } from '../../../../../common/overlayMesh';
import { MESH_END_HEIGHT, MESH_END_WIDTH, MESH_TITLE, MESH_TURN, MESH_TURN_STEP } from '../../../layout/geometry';
import type { TunnelMeshNode as TunnelMeshNodeType } from '../../buildGraph';

const LABEL: Record<Tunnel['state'], string> = { up: '', missing: '⚠ no peer entry', unknown: '? address unknown' };

export const TunnelMeshNode = memo(function TunnelMeshNode({ data, width, height }: NodeProps<TunnelMeshNodeType>) {
  const { network, mesh, centres, tested } = data;
  // The last test across the nodes lights the tunnels it crossed: green, or red where it stopped (and which way).
  const testOf = (tunnel: Tunnel) => tested?.[[tunnel.from, tunnel.to].sort().join('|')];
  const look = (tunnel: Tunnel) => {
    const test = testOf(tunnel);
    return `tunnel-${tunnel.state}${test ? ` tested-${test.verdict}` : ''}`;
  };
  const words = (tunnel: Tunnel, ends: Array<string | null>) => {
    const test = testOf(tunnel);
    if (test?.verdict === 'fail') return `✗ ${test.way}: UDP 4789 lost`;
    return LABEL[tunnel.state] || `${ends[0]} ⇄ ${ends[1]}`;
  };
  const index = new Map(mesh.ends.map((end, i) => [end.host, i]));
  const bottom = MESH_TITLE + MESH_END_HEIGHT;
  const vni = network.overlay?.vni;
  const tunnels = mesh.tunnels.map((tunnel) => {
    const [i, j] = [index.get(tunnel.from)!, index.get(tunnel.to)!];
    const span = Math.abs(j - i);
    const direction = Math.sign(centres[j]! - centres[i]!) || 1;
    // Neighbours' tunnels leave near the ends' edges, longer ones nearer the middle: an outer U never crosses an inner one.
    const offset = Math.min(MESH_END_WIDTH / 2 - 16, 40 + 48 * (mesh.ends.length - 1 - span));
    const [from, to] = [centres[i]! + direction * offset, centres[j]! - direction * offset];
    const turn = bottom + MESH_TURN + MESH_TURN_STEP * (span - 1);
    const ends = [mesh.ends[i]!.address, mesh.ends[j]!.address];
    return { tunnel, path: `M ${from} ${bottom} V ${turn} H ${to} V ${bottom}`, middle: (from + to) / 2, turn, ends };
  });
  return (
    <div className="mesh-node" data-testid={`mesh-${network.name}`}>
      <div className="mesh-title">
        <b>{network.name}</b> across the nodes: VXLAN {vni ?? '(id unknown)'} tunnels over the underlay, UDP 4789
        {mesh.elsewhere.length > 0 && <span className="mesh-elsewhere"> · also to {mesh.elsewhere.join(', ')} (engines not followed)</span>}
      </div>
      <svg className="mesh-tunnels" width={width} height={height} aria-hidden>
        {tunnels.map(({ tunnel, path }) => (
          <path key={`${tunnel.from}-${tunnel.to}`} d={path} className={`mesh-tunnel ${look(tunnel)}`} />
        ))}
      </svg>
      {mesh.ends.map((end, i) => {
        const mtu = mtuProblem(end);
        return (
          <div
            key={end.host}
            className={`mesh-end${mtu ? ' mtu-problem' : ''}`}
            data-testid={`tunnel-end-${end.host}`}
            style={{ left: centres[i]! - MESH_END_WIDTH / 2, top: MESH_TITLE, width: MESH_END_WIDTH, height: MESH_END_HEIGHT }}
          >
            <div className="mesh-end-title">
              <b>{end.host}</b> {end.address ?? 'underlay address unknown'}
              {end.underlay && (
                <span className="mesh-underlay">
                  {' '}
                  on {end.underlay.name}, MTU {end.underlay.mtu}
                </span>
              )}
            </div>
            {describeTunnelEnd(end).map((line) => (
              <div key={line} className="mesh-end-line">
                {line}
              </div>
            ))}
            {mtu && (
              <div className="mesh-end-line mesh-mtu" data-testid="tunnel-mtu" title={mtu}>
                ⚠ MTU {end.namespace!.vxlan!.mtu} + 50 does not fit {end.underlay!.name}
              </div>
            )}
          </div>
        );
      })}
      {tunnels.map(({ tunnel, middle, turn, ends }) => (
        <div
          key={`${tunnel.from}-${tunnel.to}`}
          className={`mesh-label ${look(tunnel)}`}
          data-testid="tunnel"
          data-state={tunnel.state}
          data-tested={testOf(tunnel)?.verdict}
          data-between={`${tunnel.from} ${tunnel.to}`}
          title={tunnel.why ?? undefined}
          style={{ left: middle, top: turn }}
        >
          {words(tunnel, ends)}
        </div>
      ))}
    </div>
  );
});
