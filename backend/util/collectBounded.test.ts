import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { collectBounded } from './collectBounded';

/** A stream that writes `chunk` every tick until destroyed, like a server that never stops sending. */
function endless(chunk: Buffer): PassThrough {
  const stream = new PassThrough();
  const timer = setInterval(() => stream.write(chunk), 1);
  stream.on('close', () => clearInterval(timer));
  return stream;
}

const attachTo = (stream: PassThrough) => (sink: { write(chunk: Buffer): boolean }) => stream.on('data', (c: Buffer) => sink.write(c));

describe('collectBounded', () => {
  it('cuts an endless stream at the byte bound, keeps exactly that much, and destroys it', async () => {
    const stream = endless(Buffer.alloc(1000, 'y'));
    const { chunks, cut } = await collectBounded(stream, attachTo(stream), 4096, 30);
    expect(Buffer.concat(chunks).length).toBe(4096);
    expect(cut).toBe('output cut at 4096 bytes');
    expect(stream.destroyed).toBe(true);
  });

  it('cuts a stream that sends nothing at the time bound', async () => {
    const stream = new PassThrough();
    const started = Date.now();
    const { chunks, cut } = await collectBounded(stream, attachTo(stream), 4096, 0.2);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(chunks).toEqual([]);
    expect(cut).toBe('output cut after 0.2 s');
    expect(stream.destroyed).toBe(true);
  });

  it('returns a stream that ends within the bounds whole, uncut', async () => {
    const stream = new PassThrough();
    const collected = collectBounded(stream, attachTo(stream), 4096, 30);
    stream.end('PING ok\n');
    const { chunks, cut } = await collected;
    expect(Buffer.concat(chunks).toString()).toBe('PING ok\n');
    expect(cut).toBeNull();
  });
});
