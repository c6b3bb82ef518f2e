/** The graph's node ids, from the Topology's ids. */
export interface Point {
  x: number;
  y: number;
}

export const networkNodeId = (id: string) => `net:${id}`;
export const containerNodeId = (id: string) => `ctr:${id}`;
export const groupNodeId = (id: string) => `grp:${id}`;
