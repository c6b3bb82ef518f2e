import { describe, expect, it } from 'vitest';
import { eventNames, methodNames, type Handlers } from './contract.js';
import { dispatch } from './dispatch.js';
import { DockwireError, unwrapReply } from './errors.js';

const handlers: Handlers = {
  getTopology: async () => {
    throw new DockwireError('engine-unreachable', 'no engine at unix:///nowhere.sock');
  },
  getStatus: async () => ({ state: 'live', endpoint: 'unix:///x', source: 'default', error: null, retryAt: null }),
  inspect: async (params) => ({ echoed: params }),
  listImages: async () => [],
  pullImage: async ({ ref }) => ({ image: ref, id: 'sha256:x', alreadyPresent: true }),
  cancelPull: async () => ({}),
  createNetwork: async (spec) => ({ id: 'x', name: spec.name }),
  removeNetwork: async () => ({ disconnected: [] }),
  connect: async () => ({}),
  disconnect: async () => ({}),
  runContainer: async () => ({ id: 'x', name: 'x', command: '' }),
  containerAction: async () => ({}),
  test: async () => {
    throw new Error('not in this test');
  },
  startAllPairs: async () => ({ runId: 1, total: 0, containers: [], sharers: [] }),
  cancelAllPairs: async () => ({}),
  cancelTest: async () => ({}),
  testFromHost: async () => {
    throw new Error('not in this test');
  },
  trace: async () => {
    throw new Error('not in this test');
  },
  getFirewall: async () => ({ chains: [], legacy: [], truncated: [], readAt: '' }),
  wire: async () => {
    throw new Error('not in this test');
  },
  unwire: async () => ({ deleted: 'x' }),
  counters: async () => ({ at: 0, endpoints: [], links: [] }),
  startCapture: async () => {
    throw new Error('not in this test');
  },
  stopCapture: async () => ({}),
  listEngines: async () => ({ followed: [], contexts: [], canChange: false, rememberedIn: null, problem: null }),
  addEngine: async () => ({ followed: [], contexts: [], canChange: false, rememberedIn: null, problem: null }),
  removeEngine: async () => ({ followed: [], contexts: [], canChange: false, rememberedIn: null, problem: null }),
};

describe('contract plumbing', () => {
  it('lists every method and event once', () => {
    expect(methodNames).toEqual([
      'getTopology',
      'getStatus',
      'inspect',
      'listImages',
      'pullImage',
      'cancelPull',
      'createNetwork',
      'removeNetwork',
      'connect',
      'disconnect',
      'runContainer',
      'containerAction',
      'test',
      'cancelTest',
      'testFromHost',
      'trace',
      'getFirewall',
      'startAllPairs',
      'cancelAllPairs',
      'wire',
      'unwire',
      'counters',
      'startCapture',
      'stopCapture',
      'listEngines',
      'addEngine',
      'removeEngine',
    ]);
    expect(eventNames).toEqual(['topology', 'status', 'allPairs', 'wire', 'testStep', 'pullProgress', 'capturePackets', 'captureEnd']);
  });

  it('calls a handler with validated params', async () => {
    const reply = await dispatch(handlers, 'inspect', { kind: 'network', id: 'localnet' });
    expect(reply).toEqual({ ok: true, result: { echoed: { kind: 'network', id: 'localnet' } } });
  });

  it.each([
    ['unknown method', 'rm -rf', {}, 'unknown-method'],
    ['inherited property', 'toString', {}, 'unknown-method'],
    ['params not an object', 'inspect', 'x', 'bad-request'],
    ['bad kind', 'inspect', { kind: 'volume', id: 'x' }, 'bad-request'],
    ['id with a slash', 'inspect', { kind: 'network', id: '../x' }, 'bad-request'],
    ['extra field', 'inspect', { kind: 'network', id: 'x', more: 1 }, 'bad-request'],
    ['params where none are taken', 'getStatus', { a: 1 }, 'bad-request'],
    ['a network spec with an unknown field', 'createNetwork', { name: 'n', driver: 'bridge', evil: true }, 'bad-request'],
    ['a capture with a filter too long', 'startCapture', { captureId: 1, container: 'c', filter: 'x'.repeat(513) }, 'bad-request'],
    ['a capture id of zero', 'startCapture', { captureId: 0, container: 'c' }, 'bad-request'],
    ['counters of too many containers', 'counters', { containers: Array(4097).fill('c') }, 'bad-request'],
    ['a network spec with a wrong type', 'createNetwork', { name: 'n', driver: 'bridge', internal: 'yes' }, 'bad-request'],
    ['an unknown driver', 'createNetwork', { name: 'n', driver: 'weave' }, 'bad-request'],
    ['a run spec with an unknown mode', 'runContainer', { image: 'x', networkMode: { kind: 'bridge0' } }, 'bad-request'],
    [
      'a port out of range',
      'runContainer',
      { image: 'x', networkMode: { kind: 'none' }, ports: [{ hostPort: 70000, containerPort: 1, protocol: 'tcp' }] },
      'bad-request',
    ],
    ['an unknown container action', 'containerAction', { container: 'c', action: 'kill -9' }, 'bad-request'],
  ])('rejects %s as data with a code', async (_name, method, params, code) => {
    const reply = await dispatch(handlers, method, params);
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.code).toBe(code);
  });

  it('turns a thrown error into data and back into a DockwireError with its code', async () => {
    const reply = await dispatch(handlers, 'getTopology', {});
    expect(reply).toEqual({ ok: false, error: { code: 'engine-unreachable', message: 'no engine at unix:///nowhere.sock' } });
    expect(() => unwrapReply(reply)).toThrowError(expect.objectContaining({ code: 'engine-unreachable' }));
  });
});
