/** A group's frame (a compose project, a swarm service, what was started by hand, shared networks); collapsed, one tile with its counts. */
import { Handle, Position, useStore, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useDockwire } from '../../../store/store';
import type { FrameNode as FrameNodeType } from '../../buildGraph';

/** A group's name is drawn at least this large on screen: zoomed out to see a whole host, it is what one reads first. */
const MIN_TITLE_PX = 15;
const TITLE_FONT = 20;

/** How much the name grows (up, into the gap above its frame), in quarter steps so a zoom redraws frames rarely. */
export const titleScaleAt = (zoom: number) => Math.min(3, Math.max(1, Math.ceil((4 * MIN_TITLE_PX) / (TITLE_FONT * zoom)) / 4));

const KIND_LABEL = { project: 'compose project', service: 'swarm service', hand: 'started by hand', shared: 'used by several groups' };

export const FrameNode = memo(function FrameNode({ id, data }: NodeProps<FrameNodeType>) {
  const { info, collapsed, containers, running, networks } = data;
  const stopped = containers - running;
  const counts = `${containers} container${containers === 1 ? '' : 's'}${stopped ? ` (${stopped} stopped)` : ''} · ${networks} network${networks === 1 ? '' : 's'}`;
  const hasTabStop = useDockwire((state) => state.focusId === id);
  const titleScale = useStore((state) => titleScaleAt(state.transform[2]));
  // Only whether a drop here is allowed: the pointer's moves (which the hint follows) do not redraw the node.
  const drop = useDockwire((state) => (state.dropTarget?.nodeId === id ? (state.dropTarget.allowed ? 'ok' : 'no') : null));
  const toggle = (
    <button
      type="button"
      data-focus-id={id}
      tabIndex={hasTabStop ? 0 : -1}
      className="frame-toggle nodrag"
      aria-label={`${collapsed ? 'Expand' : 'Collapse'} ${info.title}`}
      aria-expanded={!collapsed}
      onClick={() => useDockwire.getState().toggleCollapsed(id)}
    >
      {collapsed ? '▸' : '▾'}
    </button>
  );
  if (collapsed) {
    return (
      <div
        className={`frame-tile kind-${info.kind}${drop ? ` drop-${drop}` : ''}`}
        data-testid={`group-${info.title}`}
        onDoubleClick={() => useDockwire.getState().toggleCollapsed(id)}
      >
        <Handle type="target" id="tile-in" position={Position.Left} isConnectable={false} className="tile-handle" />
        <div className={`frame-drag tile-title${info.name.length > 16 ? ' long' : ''}`} title={info.title}>
          {toggle}
          <span>{info.name}</span>
        </div>
        <div className="tile-counts">
          {running} running{stopped ? ` · ${stopped} stopped` : ''} · {networks} network{networks === 1 ? '' : 's'}
        </div>
        {info.name !== KIND_LABEL[info.kind] && <div className="tile-kind">{KIND_LABEL[info.kind]}</div>}
        <Handle type="source" id="tile-out" position={Position.Right} isConnectable={false} className="tile-handle" />
        {/* The same, on the other sides: a bundle to a tile on the left leaves by the left (../../buildGraph.ts). */}
        <Handle type="source" id="tile-out-left" position={Position.Left} isConnectable={false} className="tile-handle" />
        <Handle type="target" id="tile-in-right" position={Position.Right} isConnectable={false} className="tile-handle" />
        {/* And above and below: to a tile in another row, or further along this one past the tiles between. */}
        <Handle type="source" id="tile-out-below" position={Position.Bottom} isConnectable={false} className="tile-handle" />
        <Handle type="target" id="tile-in-below" position={Position.Bottom} isConnectable={false} className="tile-handle" />
        <Handle type="source" id="tile-out-above" position={Position.Top} isConnectable={false} className="tile-handle" />
        <Handle type="target" id="tile-in-above" position={Position.Top} isConnectable={false} className="tile-handle" />
      </div>
    );
  }
  return (
    <div className={`frame-node kind-${info.kind}`} data-testid={`group-${info.title}`}>
      <div
        className={`frame-drag frame-title${titleScale > 1 ? ' grown' : ''}`}
        // Grown, it keeps to its frame's width (the counts end in an ellipsis first), never over the next frame.
        style={titleScale > 1 ? { transform: `scale(${titleScale})`, maxWidth: `${100 / titleScale}%` } : undefined}
      >
        {toggle}
        <span className="frame-name">{info.title}</span>
        {/* Grown far, the counts could not be read at that zoom: they stay for screen readers, as the tile's do. */}
        <span className={titleScale <= 1.5 ? 'frame-counts' : 'frame-counts visually-hidden'}>{counts}</span>
      </div>
      <Handle type="target" id="tile-in" position={Position.Left} isConnectable={false} className="tile-handle" />
      <Handle type="source" id="tile-out" position={Position.Right} isConnectable={false} className="tile-handle" />
    </div>
  );
});
