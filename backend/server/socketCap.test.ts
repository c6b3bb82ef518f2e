import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SocketCap } from './socketCap';

class FakeSocket extends EventEmitter {
  destroyed = false;
  constructor(readonly remoteAddress = '127.0.0.1') {
    super();
  }
  destroy() {
    this.destroyed = true;
    this.emit('close');
  }
}
const fakeSocket = (address?: string) => new FakeSocket(address) as unknown as Socket;

describe('SocketCap', () => {
  it('closes the longest idle socket when a new one passes the cap, before any busy one', () => {
    const cap = new SocketCap(3);
    const [a, b, c, d] = [fakeSocket(), fakeSocket(), fakeSocket(), fakeSocket()];
    cap.add(a!);
    cap.add(b!);
    cap.add(c!);
    cap.markBusy(a!);
    cap.add(d!);
    expect([a, b, c, d].map((s) => s!.destroyed)).toEqual([false, true, false, false]);
    expect(cap.size).toBe(3);
  });

  it('when every socket is busy (slow readers), closes the one busy longest: the newest connection is served', () => {
    const cap = new SocketCap(2);
    const [slow1, slow2, page] = [fakeSocket(), fakeSocket(), fakeSocket()];
    for (const slow of [slow1!, slow2!]) {
      cap.add(slow);
      cap.markBusy(slow);
    }
    cap.add(page!);
    expect([slow1, slow2, page].map((s) => s!.destroyed)).toEqual([true, false, false]);
  });

  it('bounds the sockets of one address, leaving other addresses alone', () => {
    const cap = new SocketCap(10, 2);
    const other = fakeSocket('127.0.0.2');
    cap.add(other);
    const mine = [fakeSocket(), fakeSocket(), fakeSocket()];
    mine.forEach((s) => cap.add(s));
    expect(mine.map((s) => s.destroyed)).toEqual([true, false, false]);
    expect(other.destroyed).toBe(false);
  });

  it('forgets sockets that close or are upgraded', () => {
    const cap = new SocketCap(2);
    const [a, b] = [fakeSocket(), fakeSocket()];
    cap.add(a!);
    cap.add(b!);
    cap.forget(a!);
    b!.destroy();
    expect(cap.size).toBe(0);
  });
});
