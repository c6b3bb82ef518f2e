import { describe, expect, it } from 'vitest';
import { buildTopology } from './buildTopology.js';
import { containerJson, endpointJson, facts, handWiredLink, networkJson } from '../tests/fixtures/dockerJson.js';
import { planWire, wireScript } from './wirePlan.js';

const NET = networkJson('localnet', { Id: 'f'.repeat(64), IPAM: { Config: [{ Subnet: '172.20.0.0/24', Gateway: '172.20.0.1' }] } });
const member = containerJson('member', 'localnet', { localnet: endpointJson(NET, '172.20.0.2') });
const lonely = containerJson('lonely', 'none', {}, { State: { Status: 'running', Running: true, Pid: 4242, ExitCode: 0 } });
const topology = buildTopology(facts([NET], [member, lonely]), 1, 'now');
const messages = (problems: Array<{ message: string }>) => problems.map((p) => p.message);

describe('planWire', () => {
  it('proposes eth0, a free address from the top of the subnet, the default route and the seed’s commands', () => {
    const { plan, problems } = planWire(topology, { container: 'lonely', network: 'localnet' });
    expect(problems).toEqual([]);
    expect(plan).toMatchObject({
      bridge: 'br-ffffffffffff',
      containerIfname: 'eth0',
      address: '172.20.0.254/24',
      gateway: '172.20.0.1',
      route: true,
      pid: 4242,
    });
    expect(plan!.hostIfname).toMatch(/^dw[0-9a-f]{11}$/);
    expect(plan!.steps.map((s) => s.command)).toEqual([
      `ip link add ${plan!.hostIfname} type veth peer name B`,
      `ip link set ${plan!.hostIfname} master br-ffffffffffff`,
      `ip link set ${plan!.hostIfname} up`,
      'ip link set B netns 4242',
      'nsenter -t 4242 -n ip link set dev B name eth0',
      'nsenter -t 4242 -n ip link set eth0 up',
      'nsenter -t 4242 -n ip addr add 172.20.0.254/24 dev eth0',
      'nsenter -t 4242 -n ip route add default via 172.20.0.1',
    ]);
    expect(wireScript(plan!)).toContain('set -e');
  });

  it('takes the next free ethN and skips addresses already wired by hand', () => {
    const wired = {
      ...topology,
      unmanagedLinks: [
        handWiredLink(topology.containers.find((c) => c.name === 'lonely')!.id, NET.Id, {
          peer: {
            containerId: topology.containers.find((c) => c.name === 'lonely')!.id,
            ifname: 'eth0',
            ifindex: 31,
            addresses: ['172.20.0.254/24'],
          },
        }),
      ],
    };
    const { plan } = planWire(wired, { container: 'lonely', network: 'localnet' });
    expect(plan).toMatchObject({ containerIfname: 'eth1', address: '172.20.0.253/24', route: false });
  });

  it('refuses an address outside the subnet, the gateway, one in use, and bad names', () => {
    expect(messages(planWire(topology, { container: 'lonely', network: 'localnet', address: '10.0.0.5/24' }).problems)).toEqual([
      "10.0.0.5/24 is not inside localnet's subnet 172.20.0.0/24 (with the same prefix).",
    ]);
    expect(messages(planWire(topology, { container: 'lonely', network: 'localnet', address: '172.20.0.1/24' }).problems)).toEqual([
      '172.20.0.1 is the gateway of localnet.',
    ]);
    expect(messages(planWire(topology, { container: 'lonely', network: 'localnet', address: '172.20.0.2/24' }).problems)).toEqual([
      '172.20.0.2 is already in use on localnet.',
    ]);
    expect(messages(planWire(topology, { container: 'lonely', network: 'localnet', hostIfname: 'much-too-long-name' }).problems)).toEqual([
      '"much-too-long-name" is not a valid interface name: at most 15 letters, digits, "_", "." or "-".',
    ]);
  });
});
