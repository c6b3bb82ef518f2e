/**
 * Runs a client follows by its own id, each cancellable: an AbortController
 * per id while it runs, forgotten when it ends, so the set stays as small as
 * what runs. Bounded: past `max`, a new run is not followed.
 */
export class Cancellables {
  private readonly running = new Map<number, AbortController>();

  constructor(private readonly max: number) {}

  /** Whether a run with this id can be followed now (the id is free and there is room). */
  canStart(id: number): boolean {
    return !this.running.has(id) && this.running.size < this.max;
  }

  /** Runs `work` with a signal that cancel(id) aborts; the id is free again once it ends. */
  async run<T>(id: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    this.running.set(id, controller);
    try {
      return await work(controller.signal);
    } finally {
      this.running.delete(id);
    }
  }

  /** Stops a run; an unknown or finished one is nothing to do. */
  cancel(id: number): void {
    this.running.get(id)?.abort();
  }

  get size(): number {
    return this.running.size;
  }
}
