/** Comparing with a snapshot: a card's or bus's mark (new, removed, changed), with the diff's lines as its tooltip. */
import type { CompareNote } from '../buildGraph';

const LABEL = { added: 'new', removed: 'removed', changed: 'changed' } as const;

/** Said after a card's or bus's accessible name. */
export const compareSpoken = (note: CompareNote | undefined) => (note ? `, ${LABEL[note.mark]} since the snapshot` : '');

export function CompareChip({ note }: { note: CompareNote | undefined }) {
  if (!note) return null;
  return (
    <span className={`mark-chip ${note.mark}`} title={note.lines.join('\n')} data-testid={`mark-${note.mark}`}>
      {LABEL[note.mark]}
    </span>
  );
}
