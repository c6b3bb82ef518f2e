import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../common/buildTopology';
import { composeHostTopology } from '../../../tests/fixtures/composeHost';
import { containerJson, DEFAULT_BRIDGE, endpointJson, facts, handWiredLink, networkJson } from '../../../tests/fixtures/dockerJson';
import { containerNodeId, networkNodeId } from './ids';
import { filteredTopology, matches, matchingNodeIds, visibleIds } from './filter';

const APP = networkJson('app-net');
const OTHER = networkJson('other');
const web = containerJson('web', 'app-net', { 'app-net': endpointJson(APP, '10.1.0.2') });
const db = containerJson('db', 'other', { other: endpointJson(OTHER, '10.2.0.3') });
const appdb = containerJson('appdb', 'other', { other: endpointJson(OTHER, '10.2.0.4') });
const topology = buildTopology(facts([APP, OTHER], [web, db, appdb]), 1, 'now');
const host = composeHostTopology();
const names = (query: string) => matches(host, query).containers.map((c) => c.name);

describe('the filter', () => {
  it('needs every term to match: "redis chat" is chat’s redis, not blog’s', () => {
    expect(names('redis chat')).toEqual(['chat-redis-1']);
    expect(names('redis')).toEqual(expect.arrayContaining(['chat-redis-1', 'blog-redis-1']));
  });

  it('matches service, project, image, network, address and state, ignoring case', () => {
    expect(names('WORDPRESS')).toEqual(['blog-wordpress-1']);
    expect(names('shop_backend db')).toEqual(['shop-db-1']);
    const api = host.containers.find((c) => c.name === 'shop-api-1')!;
    expect(names(api.endpoints[0]!.ipv4!)).toEqual(['shop-api-1']);
    expect(names('exited').length + names('created').length).toBeGreaterThan(0);
  });

  it('leaves nothing on screen when nothing matches', () => {
    expect(visibleIds(host, 'no-such-thing').size).toBe(0);
  });

  it('keeps what a match needs beside it: its networks; a matching network keeps its containers', () => {
    const visible = visibleIds(topology, 'appdb');
    expect([...visible].sort()).toEqual([appdb.Id, OTHER.Id].sort());
    expect(visibleIds(topology, 'app-net').has(web.Id)).toBe(true);
  });

  it('frames a matching network together with the containers on it, on Enter', () => {
    expect(matchingNodeIds(topology, 'app-net').sort()).toEqual([containerNodeId(web.Id), networkNodeId(APP.Id)].sort());
    expect(matchingNodeIds(topology, '  APPDB ')).toEqual([containerNodeId(appdb.Id)]);
    expect(matchingNodeIds(topology, '   ')).toEqual([]);
  });

  it('finds a container by the address of a link wired into it by hand', () => {
    const wired = {
      ...topology,
      unmanagedLinks: [
        handWiredLink(db.Id, DEFAULT_BRIDGE.Id, {
          peer: { containerId: db.Id, ifname: 'eth1', ifindex: 31, addresses: ['172.17.42.99/16'] },
        }),
      ],
    };
    expect(matches(wired, '172.17.42.99').containers.map((c) => c.name)).toEqual(['db']);
    expect(matches(topology, '172.17.42.99').containers).toEqual([]);
  });

  it('matches a container kept from the Topology before by what its networks are called now', () => {
    expect(matches(topology, 'renamed-net').containers).toEqual([]);
    // A live change shares unchanged containers with the Topology before it (applyPatch): the same objects.
    const next = { ...topology, networks: topology.networks.map((n) => (n.id === APP.Id ? { ...n, name: 'renamed-net' } : n)) };
    expect(matches(next, 'renamed-net').containers.map((c) => c.name)).toEqual(['web']);
    expect(matches(next, 'app-net').containers).toEqual([]);
  });

  it('cuts the Topology down to what is shown, for a compact layout of its own', () => {
    const shown = filteredTopology(host, visibleIds(host, 'redis chat'));
    expect(shown.containers.map((c) => c.name)).toEqual(['chat-redis-1']);
    expect(shown.networks.map((n) => n.name)).toEqual(['chat_backend']);
  });
});
