import { describe, expect, it } from 'vitest';
import { createInbox } from './inbox';

/** A fake task queue: tasks run only when the test says so, one at a time. */
function taskQueue() {
  const tasks: Array<() => void> = [];
  return {
    nextTask: (run: () => void) => void tasks.push(run),
    runOne: () => tasks.shift()?.(),
    get length() {
      return tasks.length;
    },
  };
}

describe('the socket inbox', () => {
  it('hands a small message on at once when nothing waits', () => {
    const queue = taskQueue();
    const got: string[] = [];
    createInbox(queue.nextTask).handOn(() => got.push('patch'), false);
    expect(got).toEqual(['patch']);
    expect(queue.length).toBe(0);
  });

  it('hands a big message on in a later task, and what came after it behind it, in order', () => {
    const queue = taskQueue();
    const got: string[] = [];
    const inbox = createInbox(queue.nextTask);
    inbox.handOn(() => got.push('whole'), true);
    inbox.handOn(() => got.push('patch 1'), false);
    inbox.handOn(() => got.push('patch 2'), false);
    expect(got).toEqual([]);
    queue.runOne();
    expect(got).toEqual(['whole']);
    queue.runOne();
    queue.runOne();
    expect(got).toEqual(['whole', 'patch 1', 'patch 2']);
    expect(queue.length).toBe(0);
    inbox.handOn(() => got.push('patch 3'), false);
    expect(got.at(-1)).toBe('patch 3');
  });

  it('gives two big messages a task each', () => {
    const queue = taskQueue();
    const got: string[] = [];
    const inbox = createInbox(queue.nextTask);
    inbox.handOn(() => got.push('first'), true);
    inbox.handOn(() => got.push('second'), true);
    queue.runOne();
    expect(got).toEqual(['first']);
    queue.runOne();
    expect(got).toEqual(['first', 'second']);
  });

  it('keeps going after a delivery that throws', () => {
    const queue = taskQueue();
    const got: string[] = [];
    const inbox = createInbox(queue.nextTask);
    inbox.handOn(() => {
      throw new Error('a listener failed');
    }, true);
    inbox.handOn(() => got.push('next'), false);
    expect(() => queue.runOne()).toThrow('a listener failed');
    queue.runOne();
    expect(got).toEqual(['next']);
  });
});
