/**
 * Pure: reads one HTTP/1.1 answer from bytes as they arrive: a status line and headers, then a body framed by
 * Content-Length or chunked encoding (what Docker's engine sends). Bounded: a head past MAX_HEAD_BYTES or a body
 * past the reader's limit is an error, never buffered further; anything that is not HTTP is an error too.
 */

const MAX_HEAD_BYTES = 64 * 1024;
const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');

export interface HttpAnswer {
  status: number;
  body: Buffer;
  /** The server will close the connection after this answer. */
  closes: boolean;
}

export class HttpAnswerError extends Error {}

type Stage = 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'trailer' | 'done';

export class HttpAnswerReader {
  private pending: Buffer = Buffer.alloc(0);
  private stage: Stage = 'head';
  private status = 0;
  private closes = false;
  private remaining = 0;
  private readonly body: Buffer[] = [];
  private bodyBytes = 0;

  constructor(private readonly maxBodyBytes: number) {}

  /**
   * Takes the next bytes; returns the answer once it is whole (with any bytes past it, which belong to no
   * request and make the connection unusable), else null. Throws HttpAnswerError on what is not a valid answer.
   */
  push(bytes: Buffer): { answer: HttpAnswer; extra: number } | null {
    this.pending = this.pending.length ? Buffer.concat([this.pending, bytes]) : bytes;
    for (;;) {
      if (this.stage === 'done') return { answer: this.answer(), extra: this.pending.length };
      if (!this.step()) return null;
    }
  }

  /** One step of the answer from what is pending; false when it needs more bytes. */
  private step(): boolean {
    switch (this.stage) {
      case 'head':
        return this.readHead();
      case 'length':
        return this.readBody('done');
      case 'chunk-size':
        return this.readChunkSize();
      case 'chunk-data':
        return this.readBody('chunk-size', true);
      case 'trailer':
        return this.readTrailer();
      case 'done':
        return false;
    }
  }

  private readHead(): boolean {
    const end = this.pending.indexOf(HEAD_END);
    if (end < 0) {
      if (this.pending.length > MAX_HEAD_BYTES) throw new HttpAnswerError(`an answer's head was longer than ${MAX_HEAD_BYTES} bytes`);
      return false;
    }
    const lines = this.pending.subarray(0, end).toString('latin1').split('\r\n');
    this.pending = this.pending.subarray(end + HEAD_END.length);
    const statusLine = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(lines[0] ?? '');
    if (!statusLine) throw new HttpAnswerError('the answer was not HTTP');
    this.status = Number(statusLine[1]);
    let length: number | null = null;
    let chunked = false;
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon <= 0) throw new HttpAnswerError('an answer had a malformed header');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') {
        if (!/^\d{1,15}$/.test(value)) throw new HttpAnswerError('an answer had a malformed Content-Length');
        length = Number(value);
      } else if (name === 'transfer-encoding') chunked = value.toLowerCase() === 'chunked';
      else if (name === 'connection') this.closes = value.toLowerCase() === 'close';
    }
    if (chunked) this.stage = 'chunk-size';
    else if (length !== null) {
      this.checkBodySize(length);
      this.remaining = length;
      this.stage = 'length';
    } else throw new HttpAnswerError('an answer had neither a length nor chunks');
    return true;
  }

  private readChunkSize(): boolean {
    const end = this.pending.indexOf(CRLF);
    if (end < 0) {
      if (this.pending.length > 64) throw new HttpAnswerError('a chunk size line was too long');
      return false;
    }
    const size = /^([0-9a-fA-F]{1,8})(;.*)?$/.exec(this.pending.subarray(0, end).toString('latin1'));
    if (!size) throw new HttpAnswerError('a chunk size was malformed');
    this.pending = this.pending.subarray(end + CRLF.length);
    this.remaining = parseInt(size[1]!, 16);
    if (this.remaining === 0) {
      this.stage = 'trailer';
      return true;
    }
    this.checkBodySize(this.bodyBytes + this.remaining);
    this.stage = 'chunk-data';
    return true;
  }

  /** The rest of the body (or chunk) as it comes, then, for a chunk, its CRLF. */
  private readBody(next: Stage, chunk = false): boolean {
    if (this.remaining > 0) {
      const take = Math.min(this.remaining, this.pending.length);
      if (take === 0) return false;
      this.body.push(this.pending.subarray(0, take));
      this.bodyBytes += take;
      this.remaining -= take;
      this.pending = this.pending.subarray(take);
      if (this.remaining > 0) return false;
    }
    if (chunk) {
      if (this.pending.length < CRLF.length) return false;
      if (!this.pending.subarray(0, CRLF.length).equals(CRLF)) throw new HttpAnswerError('a chunk did not end where it said');
      this.pending = this.pending.subarray(CRLF.length);
    }
    this.stage = next;
    return true;
  }

  /** After the last chunk: trailer lines (Docker sends none), up to an empty line. */
  private readTrailer(): boolean {
    const end = this.pending.indexOf(CRLF);
    if (end < 0) {
      if (this.pending.length > MAX_HEAD_BYTES) throw new HttpAnswerError('an answer had a trailer too long');
      return false;
    }
    this.pending = this.pending.subarray(end + CRLF.length);
    if (end === 0) this.stage = 'done';
    return true;
  }

  private checkBodySize(bytes: number): void {
    if (bytes > this.maxBodyBytes) throw new HttpAnswerError(`an answer was longer than ${this.maxBodyBytes} bytes`);
  }

  private answer(): HttpAnswer {
    return { status: this.status, body: this.body.length === 1 ? this.body[0]! : Buffer.concat(this.body), closes: this.closes };
  }
}
