/**
 * The captures of one browser tab. A tab names its captures with ids of its own choosing; the server gives
 * each a server-wide id before it starts, so two tabs that both say "capture 7" never share one, and a tab is
 * sent only its own captures' packets and ends, under its own ids. A tab stops only its own captures, and the
 * ones it leaves running when it goes are stopped.
 */

/** Server-wide: every capture any tab starts gets the next one. */
let lastServerId = 0;

export class SessionCaptures {
  /** Server id -> the tab's id, from before the start is asked (its first packets may come before its reply). */
  private readonly clientIdOf = new Map<number, number>();

  /** A start the tab asked for: the server id to start it under. Forget it if the start fails. */
  begin(clientId: number): number {
    const serverId = (lastServerId = (lastServerId % (2 ** 31 - 2)) + 1);
    this.clientIdOf.set(serverId, clientId);
    return serverId;
  }

  forget(serverId: number): void {
    this.clientIdOf.delete(serverId);
  }

  /** The server id of the tab's capture, or null when it is not this tab's (or has ended). */
  serverIdOf(clientId: number): number | null {
    for (const [serverId, id] of this.clientIdOf) if (id === clientId) return serverId;
    return null;
  }

  /** The tab's id for a capture event's server id, or null when the capture is another tab's. */
  clientIdFor(serverId: number): number | null {
    return this.clientIdOf.get(serverId) ?? null;
  }

  /** Every capture still running, by server id (to stop when the tab goes). */
  running(): number[] {
    return [...this.clientIdOf.keys()];
  }
}
