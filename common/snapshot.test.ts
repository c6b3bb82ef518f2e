import { describe, expect, it } from 'vitest';
import { composeHostTopology } from '../tests/fixtures/composeHost.js';
import { parseSnapshot, snapshotFileName } from './snapshot.js';

const saved = () => JSON.parse(JSON.stringify(composeHostTopology())) as Record<string, unknown>;

describe('parseSnapshot', () => {
  it('reads back what `dockwire topology --json` printed, unchanged', () => {
    const topology = composeHostTopology();
    expect(parseSnapshot(JSON.stringify(topology, null, 2), 'a.json')).toEqual(topology);
  });

  it('keeps a picture of several engines whole: each object’s engine, the engines, what a swarm network spans and each node’s end of it', () => {
    const topology = composeHostTopology();
    const several = {
      ...topology,
      hosts: [
        {
          name: 'node1',
          endpoint: 'unix:///n1.sock',
          state: 'live' as const,
          error: null,
          engine: { ...topology.engine, swarmAddress: '10.250.0.11', swarmInterface: { name: 'eth0', mtu: 1500 } },
          helper: null,
        },
      ],
      networks: topology.networks.map((n, i) =>
        i === 0
          ? {
              ...n,
              spans: ['node1', 'node2'],
              overlay: {
                vni: 4097,
                peers: [],
                namespace: null,
                nodes: [
                  {
                    host: 'node1',
                    address: '10.250.0.11',
                    peers: ['10.250.0.11', '10.250.0.12'],
                    underlay: { name: 'eth0', mtu: 1500 },
                    namespace: null,
                  },
                ],
              },
            }
          : { ...n, host: 'node1' },
      ),
      containers: topology.containers.map((c) => ({ ...c, host: 'node1' })),
    };
    expect(JSON.parse(JSON.stringify(parseSnapshot(JSON.stringify(several), 'hosts.json')))).toEqual(JSON.parse(JSON.stringify(several)));
  });

  it('drops fields it does not know and fills in those older snapshots lack', () => {
    const file = saved();
    const containers = file.containers as Array<Record<string, unknown>>;
    containers[0]!.stats = { rxBytes: 1 };
    delete containers[0]!.dns;
    delete containers[0]!.listening;
    const topology = parseSnapshot(JSON.stringify(file), 'old.json');
    expect(topology.containers[0]).not.toHaveProperty('stats');
    expect(topology.containers[0]!.listening).toBeNull();
    expect(topology.containers[0]!.dns.unread).toBe('not in this snapshot');
  });

  it.each([
    ['not JSON', '{"schemaVersion": 1,', /^bad\.json is not a Dockwire snapshot: it is not JSON/],
    ['a list', '[1,2]', /it holds no JSON object/],
    ['JSON of another tool', '{"name":"x","services":{}}', /it has no schemaVersion \(save one with "dockwire topology --json > FILE"/],
    ['a version that is no number', '{"schemaVersion":"1"}', /its schemaVersion is "1", not a version number/],
    ['a field of the wrong type', JSON.stringify({ ...saved(), containers: [{ name: 3 }] }), /containers\[0\]\.id must be a string/],
    ['a list where an object belongs', JSON.stringify({ ...saved(), engine: [] }), /engine must be an object/],
    ['a truncated network', JSON.stringify({ ...saved(), networks: [{ id: 'x', name: 'n' }] }), /networks\[0\]\.driver must be a string/],
    ['several hosts in one document', JSON.stringify({ schemaVersion: 1, hosts: [{ topology: saved() }] }), /jq '\.hosts\[0\]\.topology'/],
  ])('refuses %s, naming the file and why', (_, text, message) => {
    expect(() => parseSnapshot(text, 'bad.json')).toThrow(message);
  });

  it('refuses a snapshot of a newer schema and says to update Dockwire', () => {
    expect(() => parseSnapshot(JSON.stringify({ ...saved(), schemaVersion: 2 }), 'new.json')).toThrow(
      'new.json was saved by a newer Dockwire (snapshot schema 2; this one reads schema 1): update Dockwire to open it',
    );
  });

  it('names files by engine host and time, safe on every file system', () => {
    const topology = composeHostTopology();
    topology.engine.hostname = 'my host/with:odd*chars';
    topology.generatedAt = '2026-11-29T14:05:00.123Z';
    expect(snapshotFileName(topology)).toBe('dockwire-my-host-with-odd-chars-2026-11-29T14-05-00.json');
  });
});
