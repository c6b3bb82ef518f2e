import { describe, expect, it } from 'vitest';
import { dropPlaceAt, type DropScene } from './dropTarget';

// A project frame with two buses stacked (default on top, backend below), and a collapsed tile beside it.
const scene: DropScene = {
  buses: [
    { networkId: 'default', frameId: 'grp:p:shop', x: 20, y: 60, width: 700, height: 44 },
    { networkId: 'backend', frameId: 'grp:p:shop', x: 20, y: 300, width: 700, height: 44 },
  ],
  frames: [
    { frameId: 'grp:p:shop', collapsed: false, networkIds: ['default', 'backend'], x: 0, y: 0, width: 740, height: 600 },
    { frameId: 'grp:p:blog', collapsed: true, networkIds: ['blog_default'], x: 800, y: 0, width: 300, height: 112 },
  ],
};

describe('where a dragged container lands', () => {
  it('on a bus: that network', () => {
    expect(dropPlaceAt({ x: 300, y: 80 }, scene)).toEqual({ networkId: 'default', nodeId: 'net:default', direct: true });
  });

  it('under a bus, on its trunk or among its rows: that network, highlighted on its bus', () => {
    expect(dropPlaceAt({ x: 30, y: 200 }, scene)).toEqual({ networkId: 'default', nodeId: 'net:default', direct: false });
    expect(dropPlaceAt({ x: 500, y: 500 }, scene)).toEqual({ networkId: 'backend', nodeId: 'net:backend', direct: false });
  });

  it('on the group title above every bus: the first network', () => {
    expect(dropPlaceAt({ x: 100, y: 10 }, scene)?.networkId).toBe('default');
  });

  it('on a collapsed tile: its first network, highlighted on the tile', () => {
    expect(dropPlaceAt({ x: 900, y: 50 }, scene)).toEqual({ networkId: 'blog_default', nodeId: 'grp:p:blog', direct: true });
  });

  it('on empty canvas: nothing', () => {
    expect(dropPlaceAt({ x: 760, y: 50 }, scene)).toBeNull();
  });
});
