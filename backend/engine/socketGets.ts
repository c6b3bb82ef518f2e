/**
 * GETs of Docker's JSON over a few kept-alive connections to a local engine's Unix socket, for the many small
 * reads of a whole host (an inspect per container). Through dockerode each is a new connection and a request
 * built (and formatted for its debug log, whether that is on or not) from scratch: 1000 inspects took ~450 ms
 * of CPU and ~530 ms here; through these connections, ~150 ms of CPU and ~250 ms. Everything else (changes,
 * streams, remote engines) stays dockerode's.
 *
 * Each call has the same deadline as a dockerode call (./callDeadlines.ts) and fails as one does: an HTTP
 * error carries statusCode and the engine's message, a silent engine ETIMEDOUT, a socket error its code. A
 * connection that failed, timed out or got a malformed answer is closed; the next call opens a fresh one.
 */
import { connect, type Socket } from 'node:net';
import { CALL_TIMEOUT_MS, CallTimeoutError } from './callDeadlines.js';
import { HttpAnswerError, HttpAnswerReader, type HttpAnswer } from './httpAnswer.js';

/** One inspect is a few KB; a network's lists its endpoints (1000 of them: ~300 KB). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** An idle connection is closed after this long, so a backend between reads holds none open. */
const IDLE_MS = 2000;

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
}

class Connection {
  private readonly socket: Socket;
  private reader: HttpAnswerReader | null = null;
  private call: Call | null = null;
  private timer: NodeJS.Timeout | null = null;
  closed = false;

  constructor(
    socketPath: string,
    private readonly timeoutMs: number,
    private readonly onFree: (connection: Connection) => void,
    private readonly onTimedOut: (error: CallTimeoutError) => void,
  ) {
    this.socket = connect(socketPath);
    this.socket.on('data', (bytes: Buffer) => this.onData(bytes));
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => this.fail(Object.assign(new Error('the engine closed the connection'), { code: 'ECONNRESET' })));
    this.socket.setTimeout(IDLE_MS, () => !this.call && this.close());
  }

  get busy(): boolean {
    return this.call !== null;
  }

  send(call: Call): void {
    this.call = call;
    this.reader = new HttpAnswerReader(MAX_BODY_BYTES);
    this.socket.ref();
    this.timer = setTimeout(() => {
      const error = new CallTimeoutError(`GET ${call.path}`, this.timeoutMs);
      this.onTimedOut(error); // first: fail() frees this connection for whoever waits
      this.fail(error);
    }, this.timeoutMs);
    this.socket.write(`GET ${call.path} HTTP/1.1\r\nHost: docker\r\nUser-Agent: dockwire\r\n\r\n`);
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private onData(bytes: Buffer): void {
    if (!this.reader || !this.call) return this.fail(new HttpAnswerError('the engine sent what no request asked for'));
    let read: ReturnType<HttpAnswerReader['push']>;
    try {
      read = this.reader.push(bytes);
    } catch (error) {
      return this.fail(error);
    }
    if (!read) return;
    const call = this.finish();
    if (read.extra > 0 || read.answer.closes) this.close();
    else this.socket.unref(); // idle: never what keeps a process alive
    settle(call, read.answer);
    if (!this.closed) this.onFree(this);
  }

  private finish(): Call {
    const call = this.call!;
    this.call = null;
    this.reader = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return call;
  }

  private fail(error: unknown): void {
    const call = this.call ? this.finish() : null;
    this.close();
    call?.reject(error);
    this.onFree(this); // closed: the pool opens another for whoever waits
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

  private dispatch(): void {
    for (const connection of this.connections) if (connection.closed) this.connections.delete(connection);
    while (this.waiting.length > 0) {
      let free = [...this.connections].find((connection) => !connection.busy);
      if (!free && this.connections.size < this.maxConnections) {
        free = new Connection(
          this.socketPath,
          this.timeoutMs,
          () => this.dispatch(),
          (error) => this.failWaiting(error),
        );
        this.connections.add(free);
      }
      if (!free) return;
      free.send(this.waiting.shift()!);
    }
  }
}
