/**
 * What a helper's netlink event says, read defensively: a host link named by a positive ifindex, a container's
 * namespace by its pid, and anything else either a whole re-read of the host (no usable ifindex) or not a change.
 */
import { describe, expect, it } from 'vitest';
import { kernelChangeOf } from './kernelView.js';

describe('kernelChangeOf', () => {
  it('names the host link a change was about, by ifindex', () => {
    expect(kernelChangeOf({ pid: 0, netns: 1, kind: 'link', ifindex: 12, ifname: 'veth1', action: 'new' })).toEqual({
      pid: 0,
      hostLink: 12,
    });
    expect(kernelChangeOf({ pid: 0, kind: 'addr', ifindex: 3 })).toEqual({ pid: 0, hostLink: 3 });
    expect(kernelChangeOf({ pid: 4242, kind: 'link', ifindex: 2 })).toEqual({ pid: 4242 });
  });

  it('asks for the whole host when it cannot tell which link (an overrun, a bad ifindex)', () => {
    for (const data of [
      { pid: 0, kind: 'overrun' },
      { pid: 0, kind: 'link', ifindex: 0 },
      { pid: 0, kind: 'link', ifindex: -1 },
      { pid: 0, kind: 'link', ifindex: 1.5 },
      { pid: 0, kind: 'link', ifindex: '7' },
      { pid: 0, kind: 'route', ifindex: 7 },
    ])
      expect(kernelChangeOf(data)).toEqual({ pid: 0 });
  });

  it('is no change at all without a numeric pid', () => {
    for (const data of [null, undefined, 7, 'netlink', [], {}, { pid: '0', kind: 'link', ifindex: 2 }])
      expect(kernelChangeOf(data)).toBeNull();
  });
});
