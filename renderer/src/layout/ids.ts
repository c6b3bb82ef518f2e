/** The graph's node and wire ids, made from the Topology's ids, and read back: the one place their shape is known. */
export interface Point {
  x: number;
  y: number;
}

export const networkNodeId = (id: string) => `net:${id}`;
export const containerNodeId = (id: string) => `ctr:${id}`;
export const groupNodeId = (id: string) => `grp:${id}`;
/** With several engines: the frame of one engine's host, around its groups. */
export const hostNodeId = (name: string) => `host:${name}`;
/** An endpoint's wire, from its container's card to its network's bus. */
export const endpointWireId = (containerId: string, networkId: string) => `ep:${containerId}:${networkId}`;
/** A hand-made veth's wire, from its container's card to the bus of the network whose bridge it is on. */
export const handWireId = (containerId: string, ifindex: number) => `hw:${containerId}:${ifindex}`;

export const isNetworkNode = (nodeId: string) => nodeId.startsWith('net:');
export const isContainerNode = (nodeId: string) => nodeId.startsWith('ctr:');
export const isGroupNode = (nodeId: string) => nodeId.startsWith('grp:');
export const isHostNode = (nodeId: string) => nodeId.startsWith('host:');
/** The network id of a network node's id. */
export const networkIdOfNode = (nodeId: string) => nodeId.slice('net:'.length);
