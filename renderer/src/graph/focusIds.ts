/**
 * Pure: what can hold keyboard focus on the graph, named by one string: a card
 * (`ctr:<id>`), a bus (`net:<id>`), a group's title (`grp:<id>`), or a row of a
 * card (its wire): `row:<container id>:<network id>`, or `row:<container id>:link:<ifindex>`
 * for one wired by hand. Focus and selection move together: what a focus id selects.
 */
import { containerNodeId, networkNodeId } from '../layout/ids';
import type { Selection } from '../store/slices';

export const endpointRowFocusId = (containerId: string, networkId: string) => `row:${containerId}:${networkId}`;
export const linkRowFocusId = (containerId: string, ifindex: number) => `row:${containerId}:link:${ifindex}`;

/** What focusing this selects; null for a group's title (which selects nothing). */
export function selectionOfFocus(focusId: string): Selection | null {
  const [kind, id, rest, ifindex] = focusId.split(':');
  if (!id) return null;
  if (kind === 'ctr') return { kind: 'container', id };
  if (kind === 'net') return { kind: 'network', id };
  if (kind === 'row' && rest === 'link' && ifindex) return { kind: 'link', ifindex: Number(ifindex) };
  if (kind === 'row' && rest) return { kind: 'endpoint', containerId: id, networkId: rest };
  return null;
}

/** The card a row belongs to (`ctr:<id>`), or null for anything that is not a row. */
export const cardOfRow = (focusId: string) => (focusId.startsWith('row:') ? containerNodeId(focusId.split(':')[1]!) : null);

/** The bus a row's wire goes to, or null (a row wired by hand goes to no Docker network). */
export function busOfRow(focusId: string): string | null {
  const [kind, , network, ifindex] = focusId.split(':');
  return kind === 'row' && network && network !== 'link' && !ifindex ? networkNodeId(network) : null;
}
