/**
 * GETs of Docker's JSON over a few kept-alive connections to a local engine's Unix socket, for the many small
 * reads of a whole host (an inspect per container). Through dockerode each is a new connection and a request
 * built (and formatted for its debug log, whether that is on or not) from scratch: 1000 inspects took ~450 ms
 * of CPU and ~530 ms here; through these connections, ~150 ms of CPU and ~250 ms, and less again with requests
 * sent ahead of their answers (PIPELINE_DEPTH). Everything else (changes, streams, remote engines) stays dockerode's.
 *
 * Each call has the same deadline as a dockerode call (./callDeadlines.ts) and fails as one does: an HTTP
 * error carries statusCode and the engine's message, a silent engine ETIMEDOUT, a socket error its code. A
 * connection that failed, timed out or got a malformed answer is closed, and the calls on it fail with it; the
 * next call opens a fresh one. One the engine closes after an answer sends what it still held again, elsewhere.
 */
import { connect, type Socket } from 'node:net';
import { CALL_TIMEOUT_MS, CallTimeoutError } from './callDeadlines.js';
import { HttpAnswerError, HttpAnswerReader, type HttpAnswer } from './httpAnswer.js';

/** One inspect is a few KB; a network's lists its endpoints (1000 of them: ~300 KB). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** An idle connection is closed after this long, so a backend between reads holds none open. */
const IDLE_MS = 2000;
/**
 * Requests sent ahead on one connection before its first answer is in (HTTP/1.1 pipelining; the engine's
 * Go server answers them one after another, in order). Each request written alone costs a write and wakes
 * the engine for it: 1000 inspects took ~250 ms of Node's CPU and ~340 ms sent one at a time per
 * connection, ~95 ms and ~130 ms sent ahead (16 connections, this machine).
 */
export const PIPELINE_DEPTH = 32;

/** An engine's refusal, shaped as dockerode's (statusCode, json, "(HTTP code N) …") for the code that reads them. */
export class EngineHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly json: unknown,
    message: string,
  ) {
    super(`(HTTP code ${statusCode}) ${message}`);
  }
}

interface Call {
  path: string;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  timer?: NodeJS.Timeout;
}

class Connection {
  private readonly socket: Socket;
  private reader = new HttpAnswerReader(MAX_BODY_BYTES);
  /** Sent and not yet answered, in the order the answers come. */
  private readonly calls: Call[] = [];
  closed = false;

  constructor(
    socketPath: string,
    private readonly timeoutMs: number,
    private readonly onFree: (connection: Connection, unanswered: Call[]) => void,
    private readonly onTimedOut: (error: CallTimeoutError) => void,
  ) {
    this.socket = connect(socketPath);
    this.socket.on('data', (bytes: Buffer) => this.onData(bytes));
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => this.fail(Object.assign(new Error('the engine closed the connection'), { code: 'ECONNRESET' })));
    this.socket.setTimeout(IDLE_MS, () => this.calls.length === 0 && this.close());
  }

  get inFlight(): number {
    return this.calls.length;
  }

  /** Sends call behind those in flight (between cork and uncork, several go out in one write). */
  send(call: Call): void {
    this.calls.push(call);
    this.socket.ref();
    call.timer = setTimeout(() => {
      const error = new CallTimeoutError(`GET ${call.path}`, this.timeoutMs);
      this.onTimedOut(error); // first: fail() frees this connection for whoever waits
      this.fail(error);
    }, this.timeoutMs);
    this.socket.write(`GET ${call.path} HTTP/1.1\r\nHost: docker\r\nUser-Agent: dockwire\r\n\r\n`);
  }

  cork(): void {
    this.socket.cork();
  }

  uncork(): void {
    this.socket.uncork();
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private onData(bytes: Buffer): void {
    for (;;) {
      const call = this.calls[0];
      if (!call) return this.fail(new HttpAnswerError('the engine sent what no request asked for'));
      let read: ReturnType<HttpAnswerReader['push']>;
      try {
        read = this.reader.push(bytes);
      } catch (error) {
        return this.fail(error);
      }
      if (!read) return;
      this.calls.shift();
      clearTimeout(call.timer);
      this.reader = new HttpAnswerReader(MAX_BODY_BYTES);
      settle(call, read.answer);
      if (read.answer.closes) {
        // The engine ends the connection here: what was sent behind this call is sent again on another, with
        // its deadline started afresh there (a timer left from here would fail the calls waiting then).
        const unanswered = this.calls.splice(0);
        for (const waiting of unanswered) clearTimeout(waiting.timer);
        this.close();
        return this.onFree(this, unanswered);
      }
      if (read.extra === 0) break;
      if (this.calls.length === 0) return this.fail(new HttpAnswerError('the engine sent what no request asked for'));
      bytes = bytes.subarray(bytes.length - read.extra); // the next answers' (a whole answer ends in the bytes that completed it)
    }
    if (this.calls.length === 0) this.socket.unref(); // idle: never what keeps a process alive
    this.onFree(this, []);
  }

  /** The connection failed: every call on it fails with the error (the engine may have gone or be hung). */
  private fail(error: unknown): void {
    const calls = this.calls.splice(0);
    this.close();
    for (const call of calls) {
      clearTimeout(call.timer);
      call.reject(error);
    }
    this.onFree(this, []); // closed: the pool opens another for whoever waits
  }
}

function settle(call: Call, answer: HttpAnswer): void {
  let json: unknown;
  try {
    json = answer.body.length ? JSON.parse(answer.body.toString('utf8')) : null;
  } catch {
    if (answer.status < 400) return call.reject(new HttpAnswerError(`the engine's answer to GET ${call.path} was not JSON`));
    json = null;
  }
  if (answer.status >= 200 && answer.status < 300) return call.resolve(json);
  const message = (json as { message?: unknown } | null)?.message;
  call.reject(new EngineHttpError(answer.status, json, typeof message === 'string' ? message : answer.body.toString('utf8').slice(0, 500)));
}

export class SocketGets {
  private readonly connections = new Set<Connection>();
  private readonly waiting: Call[] = [];

  constructor(
    private readonly socketPath: string,
    private readonly maxConnections = 16,
    private readonly timeoutMs = CALL_TIMEOUT_MS,
  ) {}

  /** GETs path (e.g. /containers/ID/json) and returns its JSON. */
  get(path: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ path, resolve, reject });
      this.dispatch();
    });
  }

  /** Closes every connection; calls in flight fail. */
  close(): void {
    for (const connection of this.connections) connection.close();
    this.connections.clear();
  }

  /** An engine that let one call time out is hung or overloaded: the calls still waiting fail now, not one deadline after another. */
  private failWaiting(error: CallTimeoutError): void {
    for (const call of this.waiting.splice(0)) call.reject(error);
  }

  /**
   * Gives waiting calls to the connection with the fewest in flight (opening another while every one is busy),
   * filling it up to PIPELINE_DEPTH once it is down to half that, in one write.
   */
  private dispatch(unanswered: Call[] = []): void {
    this.waiting.unshift(...unanswered);
    for (const connection of this.connections) if (connection.closed) this.connections.delete(connection);
    while (this.waiting.length > 0) {
      let least: Connection | null = null;
      for (const connection of this.connections) if (!least || connection.inFlight < least.inFlight) least = connection;
      if ((!least || least.inFlight > 0) && this.connections.size < this.maxConnections) {
        least = new Connection(
          this.socketPath,
          this.timeoutMs,
          (_, unanswered) => this.dispatch(unanswered),
          (error) => this.failWaiting(error),
        );
        this.connections.add(least);
      }
      if (!least || least.inFlight > PIPELINE_DEPTH / 2) return;
      least.cork();
      while (this.waiting.length > 0 && least.inFlight < PIPELINE_DEPTH) least.send(this.waiting.shift()!);
      least.uncork();
    }
  }
}
