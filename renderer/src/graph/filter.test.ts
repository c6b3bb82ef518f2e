import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../common/buildTopology';
import { containerJson, endpointJson, facts, networkJson } from '../../../tests/fixtures/dockerJson';
import { containerNodeId, networkNodeId } from '../layout/ids';
import { matchingNodeIds } from './filter';

const APP = networkJson('app-net');
const OTHER = networkJson('other');
const web = containerJson('web', 'app-net', { 'app-net': endpointJson(APP, '10.1.0.2') });
const db = containerJson('db', 'other', { other: endpointJson(OTHER, '10.2.0.3') });
const appdb = containerJson('appdb', 'other', { other: endpointJson(OTHER, '10.2.0.4') });
const topology = buildTopology(facts([APP, OTHER], [web, db, appdb]), 1, 'now');

describe('what Enter in the filter frames', () => {
  it('frames a matching network together with the containers on it', () => {
    expect(matchingNodeIds(topology, 'app-net').sort()).toEqual([containerNodeId(web.Id), networkNodeId(APP.Id)].sort());
  });

  it('frames containers matched by name, ignoring case and surrounding spaces, but not their networks', () => {
    expect(matchingNodeIds(topology, '  APPDB ')).toEqual([containerNodeId(appdb.Id)]);
  });

  it('frames nothing for an empty query', () => {
    expect(matchingNodeIds(topology, '   ')).toEqual([]);
  });
});
