/**
 * Pure: where things sit inside one group's frame. Each network is a
 * horizontal bus; the containers whose home it is sit in wrapped rows under
 * it, so a frame grows down and sideways, never into a strip. A container on
 * several networks of the group sits once, under the first, with short wires
 * to the others. Positions are relative to the frame's top-left.
 */
import type { Topology } from '../../../common/topology';
import {
  BUS_GAP,
  BUS_HEIGHT,
  CARD_WIDTH,
  COLUMN_GAP,
  containerHeight,
  ENDPOINT_ROW,
  FRAME_HEADER,
  FRAME_PADDING,
  ROW_GAP,
} from './geometry';
import type { Group } from './groups';
import { homeNetworkOf } from './groups';
import { containerNodeId, networkNodeId, type Point } from './ids';

export interface Interior {
  positions: Record<string, Point>;
  width: number;
  height: number;
  columns: number;
}

/** How many cards a row takes: enough that a frame is about as wide as it is tall, at least two. */
export function columnsFor(count: number): number {
  return Math.max(2, Math.min(10, Math.ceil(Math.sqrt(count * 1.4))));
}

/** Width of a frame whose rows hold `columns` cards. */
export const frameWidthFor = (columns: number) => FRAME_PADDING * 2 + columns * CARD_WIDTH + columns * COLUMN_GAP;

export function layoutInterior(group: Group, topology: Topology): Interior {
  const columns = columnsFor(group.containers.length);
  const width = frameWidthFor(columns);
  const positions: Record<string, Point> = {};
  const byId = new Map(topology.containers.map((c) => [c.id, c]));
  const homes = new Map<string, string[]>();
  const unattached: string[] = [];
  for (const id of group.containers) {
    const home = homeNetworkOf(byId.get(id)!, topology);
    if (home && group.networks.includes(home)) (homes.get(home) ?? homes.set(home, []).get(home)!).push(id);
    else unattached.push(id);
  }
  let y = FRAME_HEADER;
  const placeRows = (ids: string[]) => {
    for (let start = 0; start < ids.length; start += columns) {
      const row = ids.slice(start, start + columns);
      let tallest = 0;
      row.forEach((id, column) => {
        positions[containerNodeId(id)] = { x: FRAME_PADDING + COLUMN_GAP + column * (CARD_WIDTH + COLUMN_GAP), y };
        tallest = Math.max(tallest, containerHeight(byId.get(id)!, topology.unmanagedLinks));
      });
      // A row of headroom: a card can join one more network live without growing into the card under it.
      y += tallest + ENDPOINT_ROW + ROW_GAP;
    }
  };
  for (const network of group.networks) {
    positions[networkNodeId(network)] = { x: FRAME_PADDING, y };
    y += BUS_HEIGHT + BUS_GAP;
    placeRows(homes.get(network) ?? []);
    y += ROW_GAP;
  }
  placeRows(unattached);
  return { positions, width, height: Math.max(y + FRAME_PADDING - ROW_GAP, FRAME_HEADER + FRAME_PADDING), columns };
}
