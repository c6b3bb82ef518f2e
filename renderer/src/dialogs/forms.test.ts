import { describe, expect, it } from 'vitest';
import { parseKeyValues } from './formText';
import { EMPTY_NETWORK_FORM, networkSpecFromForm } from './networkForm';
import { EMPTY_RUN_FORM, runSpecFromForm } from './runForm';

describe('dialog forms', () => {
  it('turn the network form into a spec, leaving defaults out', () => {
    const { spec, problems } = networkSpecFromForm({
      ...EMPTY_NETWORK_FORM,
      name: ' app ',
      subnet: '10.1.0.0/24',
      gateway: '10.1.0.1',
      auxAddresses: 'router=10.1.0.2',
      icc: false,
      mtu: '1400',
      labels: 'team=net',
    });
    expect(problems).toEqual([]);
    expect(spec).toEqual({
      name: 'app',
      driver: 'bridge',
      ipv4: { subnet: '10.1.0.0/24', gateway: '10.1.0.1', auxAddresses: { router: '10.1.0.2' } },
      bridge: { icc: false, mtu: 1400 },
      labels: { team: 'net' },
    });
  });

  it('says what is missing: a gateway without a subnet, IPv6 without its subnet', () => {
    expect(
      networkSpecFromForm({ ...EMPTY_NETWORK_FORM, name: 'x', gateway: '10.0.0.1', ipv6: true }).problems.map((p) => p.message),
    ).toEqual(['A gateway or IP range needs a subnet.', 'IPv6 needs a subnet, for example fd00:dead:beef::/64.']);
  });

  it('turn the run form into a spec, in each network mode', () => {
    expect(
      runSpecFromForm({
        ...EMPTY_RUN_FORM,
        image: 'busybox',
        name: 'web',
        command: 'httpd -f -p 80',
        network: 'app',
        ports: '5050:80',
        aliases: 'www, api',
      }).spec,
    ).toEqual({
      image: 'busybox',
      name: 'web',
      command: ['httpd', '-f', '-p', '80'],
      networkMode: { kind: 'network', network: 'app' },
      ports: [{ hostPort: 5050, containerPort: 80, protocol: 'tcp' }],
      aliases: ['www', 'api'],
    });
    expect(runSpecFromForm({ ...EMPTY_RUN_FORM, image: 'b', modeKind: 'container', container: 'c1' }).spec.networkMode).toEqual({
      kind: 'container',
      container: 'c1',
    });
    expect(runSpecFromForm({ ...EMPTY_RUN_FORM, image: 'b', modeKind: 'host' }).spec.networkMode).toEqual({ kind: 'host' });
  });

  it('refuses malformed labels', () => {
    expect(parseKeyValues('ok=1, broken')).toEqual({ problem: '"broken" is not KEY=VALUE.' });
  });
});
