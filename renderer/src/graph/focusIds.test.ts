import { describe, expect, it } from 'vitest';
import { busOfRow, cardOfRow, endpointRowFocusId, linkRowFocusId, selectionOfFocus } from './focusIds';

describe('focus ids', () => {
  it('select what they name: a card its container, a bus its network, a row its endpoint or hand-made link', () => {
    expect(selectionOfFocus('ctr:abc')).toEqual({ kind: 'container', id: 'abc' });
    expect(selectionOfFocus('net:n1')).toEqual({ kind: 'network', id: 'n1' });
    expect(selectionOfFocus(endpointRowFocusId('abc', 'n1'))).toEqual({ kind: 'endpoint', containerId: 'abc', networkId: 'n1' });
    expect(selectionOfFocus(linkRowFocusId('abc', 42))).toEqual({ kind: 'link', ifindex: 42 });
    expect(selectionOfFocus('grp:p:shop')).toBeNull();
  });

  it('lead from a row to its card and along its wire to its bus', () => {
    expect(cardOfRow(endpointRowFocusId('abc', 'n1'))).toBe('ctr:abc');
    expect(busOfRow(endpointRowFocusId('abc', 'n1'))).toBe('net:n1');
    expect(busOfRow(linkRowFocusId('abc', 42))).toBeNull();
    expect(cardOfRow('ctr:abc')).toBeNull();
  });
});
