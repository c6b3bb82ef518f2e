/**
 * Reading a stream we do not control (a docker exec's output, which a tested server fills) within a bound of
 * bytes and seconds, so a server that streams forever cannot grow our memory or hold a test open.
 */

/** What one docker-exec probe may bring back. */
export const EXEC_OUTPUT_MAX_BYTES = 64 * 1024;
export const EXEC_MAX_SECONDS = 15;

/**
 * Reads a hijacked exec stream until it ends, or until it has sent `maxBytes` or run `maxSeconds`; then the
 * stream is destroyed, which closes the exec's output: its next write fails and it ends (SIGPIPE).
 * `cut` says why it stopped early, in the words the user reads.
 */
export function collectBounded(
  stream: NodeJS.ReadableStream & { destroy(): void },
  attach: (sink: { write(chunk: Buffer): boolean }) => void,
  maxBytes = EXEC_OUTPUT_MAX_BYTES,
  maxSeconds = EXEC_MAX_SECONDS,
): Promise<{ chunks: Buffer[]; cut: string | null }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let done = false;
    const finish = (cut: string | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (cut) stream.destroy();
      resolve({ chunks, cut });
    };
    const timer = setTimeout(() => finish(`output cut after ${maxSeconds} s`), maxSeconds * 1000);
    attach({
      write(chunk: Buffer) {
        if (done) return true;
        const room = maxBytes - bytes;
        chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
        bytes += Math.min(chunk.length, room);
        if (bytes >= maxBytes) finish(`output cut at ${maxBytes} bytes`);
        return true;
      },
    });
    stream.on('end', () => finish(null));
    stream.on('close', () => finish(null));
    stream.on('error', () => finish(null));
  });
}
