/**
 * Talks to the native helper over JSON lines: requests with ids, replies
 * matched by id, pushed events, and the end of the process. Transport-agnostic
 * (a child's stdio or a container's attached streams).
 */
import type { Readable, Writable } from 'node:stream';
import { helperError, helperMethods, type HelperErrorCode, type HelperMethod, type HelperMethods } from '../../common/helperProtocol.js';
import { Listeners } from '../util/listeners.js';
import { LineSplitter } from '../util/lineSplitter.js';

export interface HelperEvent {
  event: string;
  data: unknown;
}

/** An error the helper answered with: its code (common/helperProtocol.ts), and structured data for some codes. */
export class HelperError extends Error {
  constructor(
    readonly code: HelperErrorCode,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

/** A helper's output line is bounded: a line past this is dropped, never buffered whole. */
const MAX_LINE_BYTES = 16 * 1024 * 1024;

export class HelperClient {
  private nextId = 1;
  private readonly lines = new LineSplitter(MAX_LINE_BYTES, (line) => {
    if (line.trim()) this.onLine(line);
  });
  private closedReason: string | null = null;
  private readonly pending = new Map<
    number,
    { method: HelperMethod; resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout }
  >();
  readonly events = new Listeners<HelperEvent>();
  readonly closed = new Listeners<string>();

  constructor(
    private readonly input: Writable,
    output: Readable,
  ) {
    output.on('data', (chunk: Buffer) => this.lines.push(chunk));
    output.on('end', () => this.close('the helper closed its output'));
    output.on('error', (error: Error) => this.close(`the helper's output failed: ${error.message}`));
    input.on('error', (error: Error) => this.close(`cannot write to the helper: ${error.message}`));
  }

  request<M extends HelperMethod>(method: M, params: HelperMethods[M]['params'], timeoutMs = 10_000): Promise<HelperMethods[M]['result']> {
    if (this.closedReason) return Promise.reject(new HelperError('helper-gone', this.closedReason));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new HelperError('timeout', `the helper did not answer ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { method, resolve: resolve as (value: unknown) => void, reject, timer });
      this.input.write(`${JSON.stringify({ id, method, params })}\n`);
    });
  }

  /** Ends the conversation: the helper exits when its stdin closes. */
  end(): void {
    this.input.end();
    this.close('the helper was stopped');
  }

  get isClosed(): boolean {
    return this.closedReason !== null;
  }

  private onLine(line: string): void {
    let message: {
      id?: number;
      result?: unknown;
      error?: { code: HelperErrorCode; message: string; data?: unknown };
      event?: string;
      data?: unknown;
    };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      return; // not ours to crash on; the request will time out and say so
    }
    if (message.event) {
      this.events.emit({ event: message.event, data: message.data });
      return;
    }
    const waiting = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
    if (!waiting || message.id === undefined) return;
    this.pending.delete(message.id);
    clearTimeout(waiting.timer);
    // Every answer is checked against the protocol: a helper of another build is caught here, not deep in a view.
    try {
      if (message.error) {
        const error = helperError(message.error, 'error');
        waiting.reject(new HelperError(error.code, error.message, error.data));
      } else {
        waiting.resolve(helperMethods[waiting.method].result(message.result, 'result'));
      }
    } catch (mismatch) {
      waiting.reject(
        new HelperError('internal', `the helper's answer to ${waiting.method} does not fit the protocol: ${(mismatch as Error).message}`),
      );
    }
  }

  private close(reason: string): void {
    if (this.closedReason) return;
    this.closedReason = reason;
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(new HelperError('helper-gone', reason));
    }
    this.pending.clear();
    this.closed.emit(reason);
  }
}
