import { describe, expect, it } from 'vitest';
import { networkSpecFromFlags } from './changeCommands';

describe("docker network create's flags", () => {
  it('become a NetworkSpec', () => {
    expect(
      networkSpecFromFlags('n', {
        subnet: ['10.1.0.0/24', 'fd00::/64'],
        gateway: ['10.1.0.254'],
        ipv6: true,
        'aux-address': ['router=10.1.0.2'],
        opt: ['com.docker.network.driver.mtu=1400'],
        label: ['a=b', 'flag'],
      }),
    ).toEqual({
      name: 'n',
      driver: 'bridge',
      ipv4: { subnet: '10.1.0.0/24', gateway: '10.1.0.254', auxAddresses: { router: '10.1.0.2' } },
      ipv6: { subnet: 'fd00::/64' },
      bridge: { mtu: 1400 },
      labels: { a: 'b', flag: '' },
    });
  });

  it.each([
    [{ subnet: ['10.1.0.0/24'], 'aux-address': ['foo'] }, '--aux-address takes KEY=VALUE, not "foo"'],
    [{ subnet: ['10.1.0.0/24'], 'aux-address': ['=10.1.0.2'] }, '--aux-address takes KEY=VALUE'],
    [{ 'aux-address': ['r=10.1.0.2'] }, 'need an IPv4 --subnet'],
    [{ opt: ['parent'] }, '-o takes KEY=VALUE'],
    [{ opt: ['com.docker.network.driver.mtu=big'] }, 'mtu takes a number'],
    [{ opt: ['com.docker.network.bridge.enable_icc=yes'] }, 'enable_icc takes true or false'],
    [{ driver: 'weave' }, '--driver takes bridge, macvlan, ipvlan, overlay'],
    [{ subnet: ['fd00::/64'] }, 'needs --ipv6'],
  ])('refuse malformed input %j as a usage error', (values, message) => {
    expect(() => networkSpecFromFlags('n', values)).toThrow(message);
  });
});
