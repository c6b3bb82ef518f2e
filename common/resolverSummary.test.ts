import { describe, expect, it } from 'vitest';
import { buildTopology } from './buildTopology';
import type { KernelNamespace } from './kernelFacts';
import { resolverSummary } from './resolverSummary';
import { containerJson, DEFAULT_BRIDGE, endpointJson, facts, networkJson } from '../tests/fixtures/dockerJson';

const LOCALNET = networkJson('localnet', { IPAM: { Config: [{ Subnet: '172.20.0.0/16' }] } });
const namespace = (nameservers: string[], search: string[] = []): KernelNamespace => ({
  pid: 1,
  nsid: 1,
  links: [],
  routes: [],
  resolvConf: { nameservers, search, options: [], ndots: 1, truncated: false },
});

function topologyOf(containers: ReturnType<typeof containerJson>[], namespaces: Record<string, KernelNamespace>) {
  const base = facts([LOCALNET], containers);
  return buildTopology({ ...base, kernel: { hostLinks: [], namespaces } }, 1, 'now');
}

describe('resolverSummary', () => {
  it("on a user-defined network: Docker's DNS answers its networks' names and forwards the rest to --dns", () => {
    const web = containerJson('web', 'localnet', { localnet: endpointJson(LOCALNET, '172.20.0.2') });
    web.HostConfig = { ...web.HostConfig, Dns: ['10.0.0.53'], DnsSearch: ['corp.example'], ExtraHosts: ['db.local:10.9.9.9'] };
    const topology = topologyOf([web], { [web.Id]: namespace(['127.0.0.11'], ['corp.example']) });
    const summary = resolverSummary(topology.containers[0]!, topology);
    expect(summary.line).toBe(
      "asks Docker's DNS (127.0.0.11); names on localnet answered by Docker; other names forwarded to 10.0.0.53 (--dns)",
    );
    expect(summary.details).toEqual([
      'search domains: corp.example (a short name is tried with each)',
      'extra hosts (--add-host, in /etc/hosts, asked before any server): db.local → 10.9.9.9',
    ]);
    expect(topology.containers[0]!.dns).toMatchObject({ embedded: true, unread: null, configured: { servers: ['10.0.0.53'] } });
  });

  it('on the default bridge: asks the servers in its resolv.conf directly, and no container names', () => {
    const old = containerJson('old', 'bridge', { bridge: endpointJson(DEFAULT_BRIDGE, '172.17.0.2') });
    const topology = topologyOf([old], { [old.Id]: namespace(['8.8.8.8']) });
    expect(resolverSummary(topology.containers[0]!, topology).line).toBe(
      "asks 8.8.8.8 directly (the host's, copied by Docker); no container names (Docker answers them only on user-defined networks)",
    );
  });

  it('says when resolv.conf was not read, and why', () => {
    const web = containerJson('web', 'localnet', { localnet: endpointJson(LOCALNET, '172.20.0.2') });
    const topology = buildTopology(facts([LOCALNET], [web]), 1, 'now');
    const summary = resolverSummary(topology.containers[0]!, topology);
    expect(summary.line).toContain("asks Docker's DNS (127.0.0.11)");
    expect(summary.details).toEqual(['resolv.conf not read: the kernel view is off']);
  });
});
