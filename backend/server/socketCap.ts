/**
 * Bounds the HTTP sockets browser mode keeps open. Idle sockets (a keep-alive
 * connection between requests, or one that never sent a byte) are what a
 * misbehaving local process can pile up; when a new one would pass the cap,
 * the oldest idle one is closed, so the page always gets a socket.
 */
import type { Socket } from 'node:net';

export class SocketCap {
  private readonly idleSince = new Map<Socket, number>();
  private readonly busy = new Set<Socket>();
  private clock = 0;

  constructor(private readonly max: number) {}

  /** A new connection: tracked as idle; the oldest idle socket goes when over the cap. */
  add(socket: Socket): void {
    this.idleSince.set(socket, this.clock++);
    socket.once('close', () => this.forget(socket));
    while (this.idleSince.size + this.busy.size > this.max) {
      const oldest = this.oldestIdle();
      if (!oldest) break;
      this.forget(oldest);
      oldest.destroy();
    }
  }

  /** A request is being answered on it: not to be evicted until it ends. */
  markBusy(socket: Socket): void {
    if (!this.idleSince.delete(socket) && !this.busy.has(socket)) return;
    this.busy.add(socket);
  }

  markIdle(socket: Socket): void {
    if (!this.busy.delete(socket)) return;
    if (!socket.destroyed) this.idleSince.set(socket, this.clock++);
  }

  /** Upgraded to a WebSocket: counted by the WebSocket cap from now on. */
  forget(socket: Socket): void {
    this.idleSince.delete(socket);
    this.busy.delete(socket);
  }

  get size(): number {
    return this.idleSince.size + this.busy.size;
  }

  private oldestIdle(): Socket | undefined {
    let oldest: Socket | undefined;
    let oldestAt = Infinity;
    for (const [socket, at] of this.idleSince) {
      if (at < oldestAt) [oldest, oldestAt] = [socket, at];
    }
    return oldest;
  }
}
