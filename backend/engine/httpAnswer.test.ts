import { describe, expect, it } from 'vitest';
import { HttpAnswerError, HttpAnswerReader } from './httpAnswer.js';

/** Feeds bytes in the given piece sizes (cycled) and returns what the reader made of them. */
function read(text: string | Buffer, pieces = [1 << 20], maxBody = 1 << 20) {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'latin1');
  const reader = new HttpAnswerReader(maxBody);
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = pieces[i % pieces.length]!;
    const result = reader.push(bytes.subarray(at, at + size));
    at += size;
    if (result) return { ...result.answer, body: result.answer.body.toString('utf8'), extra: result.extra };
  }
  return null;
}

const lengthAnswer = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"Id":"ab"}';
const chunkedAnswer =
  'HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n7;ext=1\r\n{"messa\r\n12\r\nge":"no such one"}\r\n0\r\n\r\n';

describe('HttpAnswerReader', () => {
  it('reads an answer framed by Content-Length, whatever the pieces it comes in', () => {
    for (const pieces of [[1 << 20], [1], [3, 7], [60, 1]]) {
      expect(read(lengthAnswer, pieces)).toEqual({ status: 200, body: '{"Id":"ab"}', closes: false, extra: 0 });
    }
  });

  it('reads a chunked answer (with a chunk extension) byte by byte', () => {
    expect(read(chunkedAnswer, [1])).toEqual({ status: 404, body: '{"message":"no such one"}', closes: false, extra: 0 });
  });

  it('keeps a UTF-8 character cut between pieces', () => {
    const body = Buffer.from('{"Name":"/café"}');
    const answer = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`), body]);
    expect(read(answer, [answer.length - 4, 4])?.body).toBe('{"Name":"/café"}');
  });

  it('says when the server will close, and counts bytes past the answer', () => {
    const answer = read(`HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}EXTRA`);
    expect(answer).toMatchObject({ closes: true, extra: 5 });
  });

  it('refuses what is not HTTP, a head without end, a body past the bound and a chunk that does not end where it says', () => {
    expect(() => read('SSH-2.0-OpenSSH_9.2\r\n\r\n')).toThrow(HttpAnswerError);
    expect(() => read(`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(70_000)}`)).toThrow(/head was longer/);
    expect(() => read('HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n', undefined, 1000)).toThrow(/longer than 1000/);
    expect(() => read('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffff\r\n', undefined, 1000)).toThrow(/longer than 1000/);
    expect(() => read('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}XX0\r\n\r\n')).toThrow(/did not end/);
    expect(() => read('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n')).toThrow(/chunk size/);
    expect(() => read('HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n')).toThrow(/Content-Length/);
    expect(() => read('HTTP/1.1 200 OK\r\nServer: x\r\n\r\n')).toThrow(/neither a length nor chunks/);
  });

  it('waits for more while an answer is not whole', () => {
    expect(read(lengthAnswer.slice(0, -1))).toBeNull();
    expect(read(chunkedAnswer.slice(0, -2))).toBeNull();
  });
});
