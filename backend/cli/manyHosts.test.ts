import { describe, expect, it } from 'vitest';
import { engineChoices, envFor } from '../config.js';

describe('the engines named on a command line', () => {
  it('keeps --context and --host in the order given, in both spellings', () => {
    expect(engineChoices(['--json', '--context', 'a', '--host=tcp://h:2376', '--context=b', '--format', 'tree'])).toEqual([
      { by: 'context', name: 'a' },
      { by: 'host', url: 'tcp://h:2376' },
      { by: 'context', name: 'b' },
    ]);
    expect(engineChoices(['--json'])).toEqual([]);
  });

  it('picks exactly that engine: the other way of choosing one is taken out of the environment', () => {
    const env = { DOCKER_HOST: 'unix:///x.sock', DOCKER_CONTEXT: 'c', DOCKER_CONFIG: '/cfg' };
    expect(envFor({ by: 'context', name: 'node2' }, env)).toEqual({ DOCKER_CONTEXT: 'node2', DOCKER_CONFIG: '/cfg' });
    expect(envFor({ by: 'host', url: 'ssh://me@h' }, env)).toEqual({ DOCKER_HOST: 'ssh://me@h', DOCKER_CONFIG: '/cfg' });
  });
});
