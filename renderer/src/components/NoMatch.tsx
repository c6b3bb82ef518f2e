/** A filter that matches nothing says so, and how to get back, rather than leaving an empty canvas. */
import { useMemo } from 'react';
import { termsOf, visibleIds } from '../layout/filter';
import { useDockwire, useQuery, useTopology } from '../store/store';

export function NoMatch() {
  const topology = useTopology();
  const query = useQuery();
  const empty = useMemo(() => Boolean(topology && termsOf(query).length && visibleIds(topology, query).size === 0), [topology, query]);
  if (!empty) return null;
  const terms = termsOf(query);
  return (
    <div className="empty-state no-match" data-testid="no-match" role="status">
      <h2>No match for “{query.trim()}”</h2>
      <p>
        {terms.length > 1 ? 'Every word must match' : 'It must match'} a container’s name, service, project, image, state, network or
        address, or a network’s name, driver or subnet.
      </p>
      <button type="button" onClick={() => useDockwire.getState().setQuery('')}>
        Clear the filter
      </button>
    </div>
  );
}
