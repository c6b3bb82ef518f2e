/**
 * Notices a hung engine. A stopped daemon closes its socket and the event
 * stream says so at once; a hung one (SIGSTOP, a stuck disk) keeps the socket
 * open and says nothing. So, while connected, the engine is pinged every few
 * seconds with a short deadline, and silence is reported as it lasts.
 */
import type Docker from 'dockerode';

export interface LivenessCallbacks {
  /** The engine has not answered since `lastAnswerAt` (ms since the epoch); called on every missed ping. */
  onSilent(lastAnswerAt: number): void;
  /** It answers again after being silent. */
  onAnswering(): void;
  /** It refused or dropped the connection: it is gone, not hung (called on every such ping). */
  onGone(error: unknown): void;
}

export interface LivenessOptions {
  intervalMs?: number;
  timeoutMs?: number;
}

/** Starts pinging; returns the function that stops it. */
export function watchLiveness(docker: Docker, callbacks: LivenessCallbacks, options: LivenessOptions = {}): () => void {
  const intervalMs = options.intervalMs ?? 3000;
  const timeoutMs = options.timeoutMs ?? 3000;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let lastAnswerAt = Date.now();
  let silent = false;

  const tick = async () => {
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      // The typings lack the options dockerode takes here.
      await (docker as unknown as { ping(options: { abortSignal: AbortSignal }): Promise<unknown> }).ping({ abortSignal: signal });
      if (stopped) return;
      lastAnswerAt = Date.now();
      if (silent) {
        silent = false;
        callbacks.onAnswering();
      }
    } catch (error) {
      if (stopped) return;
      if (signal.aborted) {
        silent = true;
        callbacks.onSilent(lastAnswerAt);
      } else {
        // Refused or closed: not silence. The pinging goes on; the caller decides what a loss means.
        lastAnswerAt = Date.now();
        silent = false;
        callbacks.onGone(error);
      }
    }
    if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
  };
  timer = setTimeout(() => void tick(), intervalMs);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
