/** Whether a container is on a network: the one place this is decided (the drop, the dialog, the backend ask it here). */
import type { ContainerInfo, EndpointInfo } from './topology.js';

/** The container's endpoint on the network, or undefined when it is not on it. */
export function endpointOn(container: ContainerInfo, networkId: string): EndpointInfo | undefined {
  return container.endpoints.find((endpoint) => endpoint.networkId === networkId);
}
