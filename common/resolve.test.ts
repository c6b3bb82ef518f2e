import { describe, expect, it } from 'vitest';
import { buildTopology } from './buildTopology';
import { lookupContainer, mustFind } from './resolve';
import { containerJson, facts } from '../tests/fixtures/dockerJson';

const topology = buildTopology(
  facts(
    [],
    [
      containerJson('web', 'bridge', {}, { Id: `07ab${'1'.repeat(60)}` }),
      containerJson('db', 'bridge', {}, { Id: `07cd${'2'.repeat(60)}` }),
      containerJson('cache', 'bridge', {}, { Id: `9f${'3'.repeat(62)}` }),
    ],
  ),
  1,
  'now',
);

describe('finding a container by what a person types', () => {
  it('takes a name, a full id, or a unique id prefix of any length from 2', () => {
    expect(lookupContainer(topology, 'web').found?.name).toBe('web');
    expect(lookupContainer(topology, `07cd${'2'.repeat(60)}`).found?.name).toBe('db');
    expect(lookupContainer(topology, '07a').found?.name).toBe('web');
    expect(lookupContainer(topology, '9f').found?.name).toBe('cache');
  });

  it('says a prefix that fits several matches them, and names them, instead of "not found"', () => {
    expect(lookupContainer(topology, '07').problem).toBe(
      '"07" matches 2 containers: db (07cd22222222), web (07ab11111111). Type more of the id, or the name.',
    );
    expect(() => mustFind('container', topology, '07')).toThrow('"07" matches 2 containers');
  });

  it('says plainly when nothing matches', () => {
    expect(lookupContainer(topology, 'nobody').problem).toBe('No container "nobody" on this engine.');
    expect(lookupContainer(topology, '0').problem).toBe('No container "0" on this engine.');
  });
});
