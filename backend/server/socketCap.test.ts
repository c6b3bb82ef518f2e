import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SocketCap } from './socketCap';

class FakeSocket extends EventEmitter {
  destroyed = false;
  destroy() {
    this.destroyed = true;
    this.emit('close');
  }
}
const fakeSocket = () => new FakeSocket() as unknown as Socket;

describe('SocketCap', () => {
  it('closes the oldest idle socket when a new one passes the cap, never a busy one', () => {
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
