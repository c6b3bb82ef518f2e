/**
 * Docker's event stream, opened before any listing so no change between the
 * list and the subscription is missed. Yields parsed events; reports its end.
 */
import type Docker from 'dockerode';
import { LineSplitter } from '../util/lineSplitter.js';

/** One event is a few hundred bytes; a line past this is not an event Dockwire could use, and is dropped. */
const MAX_EVENT_BYTES = 256 * 1024;

export interface DockerEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

export interface EventStreamHandle {
  close(): void;
}

export interface EventStreamCallbacks {
  onEvent(event: DockerEvent): void;
  /** Called once, when the stream ends or fails for any reason other than close(). */
  onEnd(error: unknown): void;
}

/** Opens the stream; resolves once the engine has accepted the subscription. */
export async function openEventStream(docker: Docker, since: string | null, callbacks: EventStreamCallbacks): Promise<EventStreamHandle> {
  // The API takes `since` as "seconds.nanoseconds" text; the typings say number.
  const options = {
    ...(since ? { since: since as unknown as number } : {}),
    // service and node: swarm services come and go, and a node joining or leaving a swarm changes them all.
    filters: { type: ['container' as const, 'network' as const, 'service' as const, 'node' as const] },
  };
  const stream = (await docker.getEvents(options)) as NodeJS.ReadableStream & { destroy(): void };
  let closed = false;
  const end = (error: unknown) => {
    if (closed) return;
    closed = true;
    callbacks.onEnd(error);
  };
  const lines = new LineSplitter(MAX_EVENT_BYTES, (line) => {
    if (!line.trim()) return;
    try {
      callbacks.onEvent(JSON.parse(line) as DockerEvent);
    } catch {
      // A line we cannot parse is not worth a reconnect; the safety re-list covers it.
    }
  });
  stream.on('data', (chunk: Buffer) => lines.push(chunk));
  stream.on('end', () => end(new Error('the event stream ended')));
  stream.on('close', () => end(new Error('the event stream closed')));
  stream.on('error', (error: unknown) => end(error));
  return {
    close() {
      closed = true;
      stream.destroy();
    },
  };
}

/** Docker's `since` takes seconds with a fractional part; keep nanosecond precision. */
export function sinceOf(event: DockerEvent): string | null {
  if (event.timeNano) {
    const nanos = BigInt(Math.trunc(event.timeNano));
    return `${nanos / 1_000_000_000n}.${(nanos % 1_000_000_000n).toString().padStart(9, '0')}`;
  }
  return event.time ? String(event.time) : null;
}
