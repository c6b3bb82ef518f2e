import { describe, expect, it } from 'vitest';
import { LineSplitter } from './lineSplitter.js';

function split(chunks: Buffer[], maxLineBytes = 1024) {
  const lines: string[] = [];
  const dropped: number[] = [];
  const splitter = new LineSplitter(
    maxLineBytes,
    (line) => lines.push(line),
    (bytes) => dropped.push(bytes),
  );
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return { lines, dropped };
}

describe('LineSplitter', () => {
  it('gives each line once, whatever the chunks, and the unterminated last one at the end', () => {
    const text = '{"a":1}\n\n{"b":2}\nlast';
    const whole = split([Buffer.from(text)]);
    expect(whole.lines).toEqual(['{"a":1}', '', '{"b":2}', 'last']);
    const byteByByte = split([...Buffer.from(text)].map((byte) => Buffer.from([byte])));
    expect(byteByByte.lines).toEqual(whole.lines);
  });

  it('keeps a UTF-8 character that two chunks cut in half', () => {
    const bytes = Buffer.from('{"name":"café-ü"}\n');
    const cut = bytes.indexOf(0xc3) + 1; // inside é
    expect(split([bytes.subarray(0, cut), bytes.subarray(cut)]).lines).toEqual(['{"name":"café-ü"}']);
  });

  it('drops a line over the bound up to its newline, and the next line arrives intact', () => {
    const long = Buffer.from(`${'x'.repeat(3000)}\n{"after":true}\n`);
    const { lines, dropped } = split([long.subarray(0, 700), long.subarray(700, 2000), long.subarray(2000)], 1024);
    expect(lines).toEqual(['{"after":true}']);
    expect(dropped).toEqual([3000]);
  });

  it('drops an endless line without keeping it', () => {
    const splitter = new LineSplitter(1024, () => {
      throw new Error('no line expected');
    });
    for (let i = 0; i < 1000; i++) splitter.push(Buffer.alloc(4096, 0x61));
    expect((splitter as unknown as { pieces: Buffer[] }).pieces).toEqual([]);
  });
});
