import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../common/buildTopology';
import { containerJson, endpointJson, facts, networkJson } from '../../tests/fixtures/dockerJson';
import { planTarget } from './connectivityTestRun';

const BACK = networkJson('shop_backend', { IPAM: { Config: [{ Subnet: '10.220.1.0/24' }] } });
const FRONT = networkJson('shop_default', { IPAM: { Config: [{ Subnet: '10.220.0.0/24' }] } });
// A container whose id starts with "db", as one in 256 does: "db" must not be taken for it.
const hexy = {
  ...containerJson('debug-host', 'shop_default', { shop_default: endpointJson(FRONT, '10.220.0.9') }),
  Id: `db${'0'.repeat(62)}`,
};
const db = containerJson('shop_db_1', 'shop_backend', { shop_backend: endpointJson(BACK, '10.220.1.2', { Aliases: ['db', 'shop_db_1'] }) });
const web = containerJson('shop_web_1', 'shop_default', { shop_default: endpointJson(FRONT, '10.220.0.2') });
const topology = buildTopology(facts([BACK, FRONT], [hexy, db, web]), 1, 'now');
const from = topology.containers.find((c) => c.name === 'shop_web_1')!;

describe('planTarget', () => {
  it('takes a name Docker knows as an alias as that name, even when it reads as the start of a container’s id', () => {
    expect(planTarget(topology, from, { from: from.id, target: 'db' })).toMatchObject({ kind: 'name', name: 'db', container: null });
  });

  it('still takes an id prefix that is no one’s name, and a container’s own name', () => {
    expect(planTarget(topology, from, { from: from.id, target: 'db00' }).container?.name).toBe('debug-host');
    expect(planTarget(topology, from, { from: from.id, target: 'shop_db_1' })).toMatchObject({ kind: 'container', address: '10.220.1.2' });
  });
});
