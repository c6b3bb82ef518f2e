/**
 * Cuts a byte stream into newline-ended lines, bounded: a line longer than `maxLineBytes` is dropped whole (up to
 * its newline) instead of being buffered without end. Bytes are kept as Buffers until a line is complete, so a
 * UTF-8 character cut between two chunks arrives whole, and each byte is searched for a newline once, so a
 * multi-megabyte line that comes in thousands of chunks costs linear time, not quadratic.
 */
export class LineSplitter {
  private pieces: Buffer[] = [];
  private pendingBytes = 0;
  /** Inside a line already over the bound: skip to its newline. */
  private dropping = false;

  constructor(
    private readonly maxLineBytes: number,
    private readonly onLine: (line: string) => void,
    private readonly onDropped: (bytes: number) => void = () => {},
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    let newline = chunk.indexOf(10);
    while (newline >= 0) {
      this.take(chunk.subarray(start, newline));
      this.endLine();
      start = newline + 1;
      newline = chunk.indexOf(10, start);
    }
    this.take(chunk.subarray(start));
  }

  /** The stream ended: what is left is the last line (if it was not dropped). */
  end(): void {
    if (this.pendingBytes > 0 || this.dropping) this.endLine();
  }

  private take(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.pendingBytes += bytes.length;
    if (this.dropping) return;
    if (this.pendingBytes > this.maxLineBytes) {
      this.dropping = true;
      this.pieces = [];
      return;
    }
    this.pieces.push(bytes);
  }

  private endLine(): void {
    if (this.dropping) this.onDropped(this.pendingBytes);
    else this.onLine(this.pieces.length === 1 ? this.pieces[0]!.toString('utf8') : Buffer.concat(this.pieces).toString('utf8'));
    this.pieces = [];
    this.pendingBytes = 0;
    this.dropping = false;
  }
}
