/**
 * Errors cross every boundary as data and are rethrown on the other side, so
 * the UI can explain them by code rather than by parsing messages.
 */
export type ErrorCode =
  | 'bad-request'
  | 'unknown-method'
  | 'not-found'
  | 'engine-unreachable'
  | 'engine-error'
  /** The request was checked and refused before anything was sent to Docker. */
  | 'invalid'
  /** Nothing to do: the change is already in place. */
  | 'no-change'
  /** Docker refused; details.dockerMessage holds its words. */
  | 'docker-refused'
  /** The change cannot be made as asked (another address on a network it is already on): details say how. */
  | 'conflict'
  /** Too many calls at once on one connection: try again when some have finished. */
  | 'busy'
  /** A command line Dockwire cannot read (the CLI's exit 2). */
  | 'usage'
  /** A snapshot is on screen, not an engine: nothing can be changed or tested. */
  | 'read-only'
  /** A registry refused the credentials, or wanted some (details: where they were looked up). */
  | 'unauthorized'
  /** The engine could not reach a registry (its words). */
  | 'registry-unreachable'
  /** Stopped on request (a pull): nothing was left half-done. */
  | 'cancelled'
  | 'internal';

export interface ErrorDetails {
  /** Docker's own message, verbatim. */
  dockerMessage?: string;
  /** Each problem with each field, for forms to show beside the field. */
  problems?: Array<{ field: string; message: string }>;
  /** What was undone after a step failed. */
  rolledBack?: string[];
}

export interface ErrorData {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

export class DockwireError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'DockwireError';
  }
}

export type Reply<T> = { ok: true; result: T } | { ok: false; error: ErrorData };

/** Turns anything thrown into error data that is safe to send. */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof DockwireError)
    return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}

/** Unwraps a reply, rethrowing its error as a DockwireError. */
export function unwrapReply<T>(reply: Reply<T>): T {
  if (reply.ok) return reply.result;
  throw new DockwireError(reply.error.code, reply.error.message, reply.error.details);
}
