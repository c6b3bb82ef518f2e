/**
 * The order in which the socket's messages are handed to the page, and in which task.
 *
 * A big message (the whole Topology of a large host: 1.7 MB at 1000 containers) is parsed in the task
 * that received it, and handed on in a task of its own: decoding and parsing it, then drawing from it
 * (React renders a store update at once), made one task of 300-450 ms, during which the page could not
 * answer a click. Every message after a deferred one waits behind it, so what the page is handed keeps
 * the socket's order (a patch is made against the Topology before it).
 */
export interface Inbox {
  /** Hands deliver on now, or after every message still waiting, each of those in a task of its own. */
  handOn(deliver: () => void, big: boolean): void;
}

export function createInbox(nextTask: (run: () => void) => void = (run) => setTimeout(run, 0)): Inbox {
  const waiting: Array<() => void> = [];
  const deliverOne = () => {
    const deliver = waiting.shift();
    // The next one is scheduled first: a delivery that throws must not stall those behind it.
    if (waiting.length > 0) nextTask(deliverOne);
    deliver?.();
  };
  return {
    handOn(deliver, big) {
      if (!big && waiting.length === 0) return deliver();
      waiting.push(deliver);
      if (waiting.length === 1) nextTask(deliverOne);
    },
  };
}
