/** Text forms shared by the CLI and the UI, so both say the same thing the same way. */
import type { PortInfo } from './topology.js';

/** "0.0.0.0:5050 → 80/tcp", "[::]:5050 → 80/tcp", "*:5050 → 80/tcp". */
export function formatPort(port: PortInfo, arrow = '→'): string {
  const host = port.hostIp === '' ? '*' : port.hostIp.includes(':') ? `[${port.hostIp}]` : port.hostIp;
  return `${host}:${port.hostPort} ${arrow} ${port.containerPort}/${port.protocol}`;
}
