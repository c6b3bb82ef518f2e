/**
 * Ends the process once stdout and stderr have handed all they hold to the reader.
 *
 * Why not process.exit at once: into a pipe, Node writes as much as the pipe takes (64 KiB on Linux)
 * and queues the rest; process.exit drops that queue, so `dockwire topology --json | jq` saw a document
 * cut at 64 KiB on any host past ~40 containers. A write's callback runs after every earlier write has
 * been flushed, so an empty write on each stream marks the moment nothing is left to send. A reader that
 * went away (EPIPE) ends it too: there is nobody left to write for.
 */
export function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  const streams = [process.stdout, process.stderr];
  let pending = streams.length;
  const oneFlushed = () => {
    if (--pending === 0) process.exit(code);
  };
  for (const stream of streams) {
    if (stream.destroyed || !stream.writable) {
      oneFlushed();
      continue;
    }
    // A failed write both calls back and emits 'error': count the stream once.
    let counted = false;
    const flushed = () => {
      if (counted) return;
      counted = true;
      oneFlushed();
    };
    stream.once('error', flushed);
    stream.write('', flushed);
  }
}
