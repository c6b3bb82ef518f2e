import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../actions/registry';
import { helpedKeys } from './keyHelp';

describe('the list of keys', () => {
  it('names every key an action answers to', () => {
    const hinted = [...new Set(ACTIONS.flatMap((action) => (action.keyHint ? [action.keyHint] : [])))];
    expect(hinted.length).toBeGreaterThan(2);
    for (const key of hinted) expect(helpedKeys(), `the key ${key}`).toContain(key);
  });
});
