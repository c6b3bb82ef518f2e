/**
 * buildTopology keeps each container's info with its inspect JSON and reuses it while all it is made from is the
 * same: these check that a live change gets the very objects back for what it did not touch, and that whatever
 * it did touch is built again, equal to a build from scratch (structuredClone shares no object with the first).
 */
import { describe, expect, it } from 'vitest';
import { buildTopology } from './buildTopology.js';
import type { DockerFacts } from './dockerFacts.js';
import type { KernelNamespace } from './kernelFacts.js';
import { containerJson, endpointJson, facts, kernelLink, networkJson } from '../tests/fixtures/dockerJson.js';

const APP = networkJson('app', { IPAM: { Config: [{ Subnet: '10.1.0.0/24', Gateway: '10.1.0.1' }] } });
const DATA = networkJson('data', { IPAM: { Config: [{ Subnet: '10.2.0.0/24', Gateway: '10.2.0.1' }] } });
const web = containerJson('web', 'app', { app: endpointJson(APP, '10.1.0.2') });
const db = containerJson('db', 'data', { data: endpointJson(DATA, '10.2.0.2') });

/** A container's namespace: eth0 (a veth whose host end is hostIfindex) holding its address. */
const namespaceOf = (pid: number, nsid: number, address: string, hostIfindex: number): KernelNamespace => ({
  pid,
  nsid,
  links: [
    kernelLink({}),
    kernelLink({
      ifindex: 2,
      name: 'eth0',
      kind: 'veth',
      peerIfindex: hostIfindex,
      linkNetnsid: 0,
      addresses: [{ family: 'inet', address, prefixlen: 24 }],
    }),
  ],
  routes: [],
});

const hostVeth = (ifindex: number, name: string, nsid: number) =>
  kernelLink({ ifindex, name, kind: 'veth', peerIfindex: 2, linkNetnsid: nsid });

function hostFacts(): DockerFacts {
  return {
    ...facts([APP, DATA], [web, db]),
    kernel: {
      hostLinks: [hostVeth(10, 'vethweb', 1), hostVeth(11, 'vethdb', 2)],
      namespaces: { [web.Id]: namespaceOf(100, 1, '10.1.0.2', 10), [db.Id]: namespaceOf(200, 2, '10.2.0.2', 11) },
    },
    helper: { mode: 'container', reason: null },
  };
}

const containerNamed = (facts: DockerFacts, name: string) => buildTopology(facts, 2, 'now').containers.find((c) => c.name === name)!;

describe('buildTopology: a container is built again only when what it is made from changed', () => {
  it('gives back the same object for a container nothing touched', () => {
    const read = hostFacts();
    const before = buildTopology(read, 1, 'now');
    // The next read: new lists, the same objects for what was not read again (as the fact caches keep them).
    const after = buildTopology({ ...read, networks: [...read.networks], containers: [...read.containers] }, 2, 'now');
    expect(after.containers.find((c) => c.name === 'web')).toBe(before.containers.find((c) => c.name === 'web'));
    expect(before.containers.find((c) => c.name === 'web')!.endpoints[0]!.hostVeth?.name).toBe('vethweb');
  });

  it('builds it again when its host veth was read again (renamed), and only it', () => {
    const before = hostFacts();
    const dbBefore = containerNamed(before, 'db');
    const hostLinks = [before.kernel!.hostLinks[0]!, hostVeth(11, 'eth-db', 2)];
    const changed: DockerFacts = { ...before, kernel: { ...before.kernel!, hostLinks } };
    const dbAfter = containerNamed(changed, 'db');
    expect(dbAfter.endpoints[0]!.hostVeth?.name).toBe('eth-db');
    expect(dbAfter).toEqual(containerNamed(structuredClone(changed), 'db'));
    expect(containerNamed(changed, 'web')).toBe(containerNamed(before, 'web'));
    expect(dbAfter).not.toBe(dbBefore);
    expect(dbBefore.endpoints[0]!.hostVeth?.name).toBe('vethdb');
  });

  it('builds it again when its namespace was read again, or is gone', () => {
    const before = hostFacts();
    containerNamed(before, 'web');
    const reread = namespaceOf(100, 1, '10.1.0.2', 10);
    reread.links[1]!.stats = { rxBytes: 9, txBytes: 8, rxPackets: 1, txPackets: 1, rxDropped: 0, txDropped: 0 };
    const changed: DockerFacts = {
      ...before,
      kernel: { ...before.kernel!, namespaces: { ...before.kernel!.namespaces, [web.Id]: reread } },
    };
    expect(containerNamed(changed, 'web').endpoints[0]!.stats?.rxBytes).toBe(9);
    const { [web.Id]: _gone, ...others } = before.kernel!.namespaces;
    const unread = containerNamed({ ...before, kernel: { ...before.kernel!, namespaces: others } }, 'web');
    expect(unread.endpoints[0]!.ifname).toBeNull();
    expect(unread.dns.unread).toBe('its namespace was not read');
  });

  it('builds it again when a network it is on changed name or DNS, or the kernel view went off', () => {
    const before = hostFacts();
    containerNamed(before, 'web');
    const renamed = { ...APP, Name: 'frontend' };
    const changed: DockerFacts = { ...before, networks: before.networks.map((n) => (n.Id === APP.Id ? renamed : n)) };
    expect(containerNamed(changed, 'web').endpoints[0]!.networkName).toBe('frontend');
    expect(containerNamed(changed, 'web')).toEqual(containerNamed(structuredClone(changed), 'web'));
    const off = containerNamed({ ...before, kernel: null }, 'web');
    expect(off.dns.unread).toBe('the kernel view is off');
    expect(off.endpoints[0]!.hostVeth).toBeNull();
  });

  it('follows the container whose namespace it shares when that one is replaced', () => {
    const owner = containerJson('owner', 'app', { app: endpointJson(APP, '10.1.0.9') });
    const sidecar = containerJson('sidecar', 'container:owner', {});
    const first = facts([APP], [owner, sidecar]);
    expect(containerNamed(first, 'sidecar').netnsOwner).toBe(owner.Id);
    const replacement = { ...owner, Id: 'e'.repeat(64) };
    expect(containerNamed({ ...first, containers: [replacement, sidecar] }, 'sidecar').netnsOwner).toBe(replacement.Id);
  });
});
