/** Under a network (or a collapsed group) while a container is dragged over it: what letting go does. */
export function DropHint({ allowed, reason }: { allowed: boolean; reason: string | null }) {
  return (
    <div className={`drop-hint ${allowed ? 'ok' : 'no'}`} data-testid="drop-hint" role="status">
      {allowed ? 'Let go to connect' : `Not allowed: ${reason}`}
    </div>
  );
}
