/**
 * A deadline on every Docker API call, so a hung engine is reported instead
 * of waited on forever. dockerode sends everything through its modem's
 * `dial`; wrapping it once covers every call, including ones added later.
 * A streaming call (events, attach, pull) gets the deadline until the engine
 * answers; what flows afterwards has its own liveness check.
 */
import type Docker from 'dockerode';

/** How long a call may wait for the engine's answer. */
export const CALL_TIMEOUT_MS = 15_000;

interface DialOptions {
  path?: string;
  method?: string;
  abortSignal?: AbortSignal;
  /** Query options; `t` is a stop/restart grace period in seconds, added to the deadline. */
  options?: { t?: unknown };
}

type Dial = (options: DialOptions, callback: (error: unknown, data: unknown) => void) => void;

/** The error a call that ran out of time fails with: ETIMEDOUT, naming the call. */
export class CallTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(
    readonly call: string,
    readonly timeoutMs: number,
  ) {
    super(`no answer to ${call} within ${Math.round(timeoutMs / 1000)} s`);
  }
}

export function addCallDeadlines(docker: Docker, timeoutMs = CALL_TIMEOUT_MS): Docker {
  const modem = docker.modem as unknown as { dial: Dial };
  const dial = modem.dial.bind(modem);
  modem.dial = (options, callback) => {
    // A caller with its own signal (the liveness ping) chose its own deadline.
    if (options.abortSignal) return dial(options, callback);
    const grace = typeof options.options?.t === 'number' ? options.options.t * 1000 : 0;
    const limit = timeoutMs + grace;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), limit);
    dial({ ...options, abortSignal: controller.signal }, (error, data) => {
      clearTimeout(timer);
      const call = `${options.method ?? 'GET'} ${(options.path ?? '').replace(/\?$/, '')}`;
      callback(error && controller.signal.aborted ? new CallTimeoutError(call, limit) : error, data);
    });
  };
  return docker;
}
