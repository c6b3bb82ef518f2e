import { describe, expect, it } from 'vitest';
import { testSpecFrom } from './testSpec';

describe('the test panel’s fields', () => {
  it('become a TestSpec, ignoring an unusable port', () => {
    expect(testSpecFrom('a', { target: ' b ', port: '80', httpPath: '/health' })).toEqual({
      from: 'a',
      target: 'b',
      port: 80,
      httpPath: '/health',
    });
    expect(testSpecFrom('a', { target: 'b', port: 'http', httpPath: '' })).toEqual({ from: 'a', target: 'b' });
  });
});
