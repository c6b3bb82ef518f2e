/** Text forms shared by the CLI and the UI, so both say the same thing the same way. */
import { isLoopback, socketsOn, type ContainerInfo, type PortInfo } from './topology.js';

/** "0.0.0.0:5050 → 80/tcp", "[::]:5050 → 80/tcp", "*:5050 → 80/tcp". */
export function formatPort(port: PortInfo, arrow = '→'): string {
  const host = port.hostIp === '' ? '*' : port.hostIp.includes(':') ? `[${port.hostIp}]` : port.hostIp;
  return `${host}:${port.hostPort} ${arrow} ${port.containerPort}/${port.protocol}`;
}

/**
 * " ⚠ listens on 127.0.0.1 only" after a published port whose server inside listens only on loopback (Docker
 * forwards the port to the container's eth0, where nothing answers); "" otherwise or when not known.
 */
export function loopbackOnlyWarning(container: ContainerInfo, port: PortInfo): string {
  const bound = socketsOn(container, port.protocol, port.containerPort);
  return bound.length && bound.every((s) => isLoopback(s.address)) ? ` ⚠ listens on ${bound[0]!.address} only` : '';
}

/** "0.0.0.0:80", "[::]:80": a listening socket's address and port, as ss shows them. */
export const formatSocket = (socket: { address: string; port: number }) =>
  `${socket.address.includes(':') ? `[${socket.address}]` : socket.address}:${socket.port}`;
