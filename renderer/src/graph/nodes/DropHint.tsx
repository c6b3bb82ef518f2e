/**
 * While a container is dragged over a network (or a collapsed group): what letting go does, just above the pointer,
 * so the dragged card never covers it.
 */
import { useDockwire } from '../../store/store';

export function DropHint() {
  const target = useDockwire((state) => state.dropTarget);
  if (!target) return null;
  return (
    <div
      className={`drop-hint ${target.allowed ? 'ok' : 'no'}`}
      data-testid="drop-hint"
      role="status"
      style={{ left: target.pointer.x - 40, top: target.pointer.y - 48 }}
    >
      {target.allowed ? 'Let go to connect' : `Not allowed: ${target.reason}`}
    </div>
  );
}
