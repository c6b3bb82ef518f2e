/**
 * A container card: its service name large (compose), its full name and image
 * under it, a state dot; one row (and wire) per network it is on, with its
 * address, and, zoomed in, the veth pair and MAC. Zoomed far out, the name alone.
 */
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { endpointWireKey, handWireKey, rateLabel } from '../../../../../common/traffic';
import { useTraffic } from '../../../store/trafficStore';
import { memo, useEffect } from 'react';
import { endpointRowFocusId, linkRowFocusId } from '../../focusIds';
import { rowHandleY } from '../../../layout/geometry';
import type { Selection } from '../../../store/slices';
import { useDockwire } from '../../../store/store';
import type { ContainerNode as ContainerNodeType } from '../../buildGraph';
import { useLod } from '../../lod';
import { CompareChip, compareSpoken } from '../CompareChip';
import { whyNotConnect } from '../../../../../common/rules';
import { farNameSize } from './farNameSize';

/** Far out: the name's size (smaller for a word longer than the card is wide) and its line height; the dot beside its first line. */
const farNameStyle = (name: string) => {
  const size = farNameSize(name);
  return { fontSize: `${size}px`, lineHeight: `${size + 4}px` };
};
const farDotStyle = (name: string) => ({ marginTop: `${(farNameSize(name) + 4 - 18) / 2}px` });

const MODE_TEXT: Record<string, (mode: string) => string> = {
  bridge: () => 'default bridge',
  host: () => '--network host',
  none: () => '--network none',
  container: () => '--network container:…',
  network: (mode) => `--network ${mode}`,
};

/** What a screen reader says for a card: "shop-web-1, running, on shop_default 10.220.2.3 and shop_backend 10.220.8.6". */
const withoutPrefix = (address: string) => address.split('/')[0];

function containerLabel(
  name: string,
  state: string,
  endpoints: Array<{ networkName: string; ipv4: string | null }>,
  handWired: number,
): string {
  // Addresses spoken without their prefix length: "10.0.0.2", not "10.0.0.2 slash 24".
  const on = endpoints.map((e) => `${e.networkName}${e.ipv4 ? ` ${withoutPrefix(e.ipv4)}` : ''}`);
  const where = on.length ? `on ${on.length > 1 ? `${on.slice(0, -1).join(', ')} and ${on.at(-1)}` : on[0]}` : 'on no network';
  return `${name}, ${state}, ${where}${handWired ? `, ${handWired} wired by hand` : ''}`;
}

/** The row's second line: the veth pair and MAC (the address is on the first line already). */
const detailLine = (lines: string[] | undefined, shown: string | null) => (lines ?? []).filter((line) => line !== shown).join(' · ');

/** A row's second line: the wire's traffic while it flows ("↑ 1.2 MB/s ↓ 30 kB/s"), else its veth pair and MAC. */
function WireDetail({ wire, detail }: { wire: string; detail: string }) {
  const rate = useTraffic((state) => rateLabel(state.rates[wire]));
  return rate ? (
    <div className="endpoint-detail endpoint-rate mono" data-testid={`rate-${wire}`} title={detail}>
      {rate}
    </div>
  ) : (
    <div className="endpoint-detail mono">{detail}</div>
  );
}

export const ContainerNode = memo(function ContainerNode({ id, data, selected }: NodeProps<ContainerNodeType>) {
  const { container, service, endpoints, handWired, details, handNetworks, info, refusedTest, testEnd, compare } = data;
  const lod = useLod();
  const rows = endpoints.length + handWired.length;
  // A row (and its handle) added live, e.g. by `docker network connect`: React
  // Flow must re-read the handles before it can draw the new wire to them.
  const updateNodeInternals = useUpdateNodeInternals();
  useEffect(() => updateNodeInternals(id), [id, rows, updateNodeInternals]);
  const title = service ?? container.name;
  // Dragging is how a card is connected: say so where the pointer is, on the cards that can be (never on a snapshot).
  const draggable = useDockwire((state) => state.view.kind !== 'snapshot') && whyNotConnect(container) === null;
  // The graph's one tab stop may be this card or one of its rows (../../useGraphKeyboard.ts).
  const focusId = useDockwire((state) =>
    state.focusId === id || state.focusId?.startsWith(`row:${container.id}:`) ? state.focusId : null,
  );
  const tabIndex = (rowFocusId: string) => (focusId === rowFocusId ? 0 : -1);
  // A row is its wire's handle: a click selects the endpoint (or the hand-made link), a right-click opens its menu.
  const rowProps = (selection: Selection) => ({
    onClick: (event: React.MouseEvent) => {
      event.stopPropagation();
      useDockwire.getState().select(selection);
    },
    onContextMenu: (event: React.MouseEvent) => {
      event.preventDefault();
      event.stopPropagation();
      useDockwire.getState().openMenu(event.clientX, event.clientY, selection);
    },
  });
  return (
    <>
      {/* Beside the card, not in it: on its top edge, taking no room from the name (the card clips what overflows). */}
      <CompareChip note={compare} />
      {/* A test's mark takes the same place while the test runs. */}
      {draggable && !testEnd && (
        <span className="drag-cue" aria-hidden="true">
          drag onto a network to connect
        </span>
      )}
      {testEnd && (
        <span className={`mark-chip test-end ${testEnd}`} data-testid={`test-end-${testEnd}`}>
          {testEnd === 'from' ? 'testing from here' : 'test target'}
        </span>
      )}
      <div
        className={`container-node state-${container.state} lod-${lod}${selected ? ' is-selected' : ''}${refusedTest ? ' refused-test' : ''}${testEnd ? ` test-end-${testEnd}` : ''}${compare ? ` compare-${compare.mark}` : ''}`}
        data-testid={`container-${container.name}`}
        data-focus-id={id}
        tabIndex={tabIndex(id)}
        role="group"
        aria-label={containerLabel(container.name, container.state, endpoints, handWired.length) + compareSpoken(compare)}
      >
        <Handle type="target" id="netns-in" position={Position.Right} style={{ top: 18 }} isConnectable={false} className="netns-handle" />
        <div className="container-title">
          <span
            className={`state-dot state-${container.state}`}
            title={container.status}
            style={lod === 'far' ? farDotStyle(title) : undefined}
          />
          <span className="container-name" title={container.name} style={lod === 'far' ? farNameStyle(title) : undefined}>
            {title}
          </span>
          {lod !== 'far' && <span className="container-state">{container.state}</span>}
        </div>
        {lod === 'far' && rows > 1 && (
          <div className="far-summary" data-testid={`far-summary-${container.name}`}>
            on {rows} networks
          </div>
        )}
        <div className="container-sub" title={`${container.name} · ${container.image}`}>
          {service ? `${container.name} · ` : ''}
          {container.image} · {MODE_TEXT[container.networkModeKind]?.(container.networkMode)}
        </div>
        {endpoints.map((endpoint, index) => (
          <div
            className="endpoint-row"
            key={endpoint.networkId}
            data-testid={`endpoint-row-${container.name}-${endpoint.networkName}`}
            data-focus-id={endpointRowFocusId(container.id, endpoint.networkId)}
            tabIndex={tabIndex(endpointRowFocusId(container.id, endpoint.networkId))}
            role="button"
            {...rowProps({ kind: 'endpoint', containerId: container.id, networkId: endpoint.networkId })}
          >
            {/* Named by what it shows, after what it is: a voice command can say what is on screen. */}
            <span className="visually-hidden">wire {container.name} – </span>
            <div className="endpoint-main">
              <span className="endpoint-network">{endpoint.networkName}</span>
              <span className="endpoint-ip mono">
                {endpoint.ipv4 ?? (container.networkModeKind === 'host' ? 'host’s addresses' : 'no address')}
              </span>
            </div>
            <WireDetail wire={endpointWireKey(container.id, endpoint.networkId)} detail={detailLine(details[index], endpoint.ipv4)} />
          </div>
        ))}
        {handWired.map((link, index) => (
          <div
            className="endpoint-row hand-row"
            key={link.ifindex}
            data-testid={`hand-row-${container.name}-${handNetworks[index]}`}
            data-focus-id={linkRowFocusId(container.id, link.ifindex)}
            tabIndex={tabIndex(linkRowFocusId(container.id, link.ifindex))}
            role="button"
            {...rowProps({ kind: 'link', ifindex: link.ifindex })}
          >
            <span className="visually-hidden">
              wire {container.name} – {handNetworks[index]}:{' '}
            </span>
            <div className="endpoint-main">
              <span className="endpoint-network">{link.peer?.ifname} · wired by hand</span>
              <span className="endpoint-ip mono">{link.peer?.addresses.join(' ') || 'no address'}</span>
            </div>
            <WireDetail
              wire={handWireKey(container.id, link.ifindex)}
              detail={detailLine(details[endpoints.length + index], link.peer?.addresses[0] ?? null)}
            />
          </div>
        ))}
        {info.map((line) => (
          <div className={`info-row${line.startsWith('⚠') ? ' warning' : ''}`} key={line} title={line}>
            {line}
          </div>
        ))}
        {Array.from({ length: rows }, (_, row) => (
          <Handle
            key={row}
            type="target"
            id={`row-${row}`}
            position={Position.Left}
            style={{ top: rowHandleY(row) }}
            isConnectable={false}
            className="row-handle"
          />
        ))}
        <Handle type="source" id="netns-out" position={Position.Right} style={{ top: 18 }} isConnectable={false} className="netns-handle" />
      </div>
    </>
  );
});
