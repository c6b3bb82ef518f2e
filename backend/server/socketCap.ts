/**
 * Bounds the HTTP sockets browser mode keeps open, in all and per client address. When a new connection
 * would pass a bound, the socket that has been idle longest goes; if none is idle, the one that has been
 * busy longest (a client reading a large file with a tiny window holds its socket as long as it likes):
 * the newest connection is always served, so a page that opens after a flood of sockets still loads.
 */
import type { Socket } from 'node:net';

interface Tracked {
  /** When it last became idle, or became busy: what "longest" is measured by. */
  since: number;
  busy: boolean;
  address: string;
}

export class SocketCap {
  private readonly sockets = new Map<Socket, Tracked>();
  private clock = 0;

  constructor(
    private readonly max: number,
    private readonly maxPerAddress = max,
  ) {}

  /** A new connection: tracked as idle; the longest idle (else longest busy) socket goes when a bound is passed. */
  add(socket: Socket): void {
    const address = socket.remoteAddress ?? '';
    this.sockets.set(socket, { since: this.clock++, busy: false, address });
    socket.once('close', () => this.forget(socket));
    while (this.sockets.size > this.max) if (!this.evict(socket, () => true)) break;
    while (this.countFrom(address) > this.maxPerAddress) if (!this.evict(socket, (t) => t.address === address)) break;
  }

  /** A request is being answered on it: evicted only when no idle socket is left to evict. */
  markBusy(socket: Socket): void {
    const tracked = this.sockets.get(socket);
    if (tracked && !tracked.busy) Object.assign(tracked, { busy: true, since: this.clock++ });
  }

  markIdle(socket: Socket): void {
    const tracked = this.sockets.get(socket);
    if (tracked?.busy && !socket.destroyed) Object.assign(tracked, { busy: false, since: this.clock++ });
  }

  /** Upgraded to a WebSocket: counted by the WebSocket cap from now on. */
  forget(socket: Socket): void {
    this.sockets.delete(socket);
  }

  get size(): number {
    return this.sockets.size;
  }

  private countFrom(address: string): number {
    let count = 0;
    for (const tracked of this.sockets.values()) if (tracked.address === address) count++;
    return count;
  }

  /** Closes the longest idle socket among those that match, else the longest busy one; never `keep`. */
  private evict(keep: Socket, matches: (tracked: Tracked) => boolean): boolean {
    let chosen: Socket | undefined;
    let chosenTracked: Tracked | undefined;
    for (const [socket, tracked] of this.sockets) {
      if (socket === keep || !matches(tracked)) continue;
      const better =
        !chosenTracked ||
        (chosenTracked.busy && !tracked.busy) ||
        (chosenTracked.busy === tracked.busy && tracked.since < chosenTracked.since);
      if (better) [chosen, chosenTracked] = [socket, tracked];
    }
    if (!chosen) return false;
    this.forget(chosen);
    chosen.destroy();
    return true;
  }
}
