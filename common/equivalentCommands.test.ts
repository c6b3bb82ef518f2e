import { describe, expect, it } from 'vitest';
import {
  dockerContainerAction,
  dockerNetworkConnect,
  dockerNetworkCreate,
  dockerNetworkDisconnect,
  dockerNetworkRm,
  dockerRunCommand,
  dockwireUnwire,
  dockwireWire,
} from './equivalentCommands';

const names = { container: 'shop-web-1', network: 'shop_backend' };

describe('the command a person would type for each change', () => {
  it('on one of several engines: docker --context NAME, or --host for an engine named by its address', () => {
    expect(dockerNetworkCreate({ name: 'n', driver: 'bridge', engine: 'node2' })).toBe(
      'docker --context node2 network create --driver bridge n',
    );
    expect(dockerNetworkConnect({ container: 'c', network: 'n' }, { container: 'web', network: 'n', engine: 'node3' })).toBe(
      'docker --context node3 network connect n web',
    );
    expect(dockerContainerAction('remove', 'web', 'node2')).toBe('docker --context node2 stop web && docker --context node2 rm web');
    expect(dockerNetworkRm('n', ['web'], 'node2')).toBe(
      'docker --context node2 network disconnect n web && docker --context node2 network rm n',
    );
    expect(dockerRunCommand({ image: 'web', networkMode: { kind: 'host' }, engine: 'tcp://10.0.0.5:2376' })).toMatch(
      /^docker --host tcp:\/\/10\.0\.0\.5:2376 run -d /,
    );
  });

  it('connect, with a static address and aliases; disconnect', () => {
    expect(dockerNetworkConnect({ container: 'id', network: 'id', ipv4: '10.0.0.5', aliases: ['api', 'api v1'] }, names)).toBe(
      "docker network connect --ip 10.0.0.5 --alias api --alias 'api v1' shop_backend shop-web-1",
    );
    expect(dockerNetworkConnect({ container: 'id', network: 'id' }, names)).toBe('docker network connect shop_backend shop-web-1');
    expect(dockerNetworkDisconnect(names)).toBe('docker network disconnect shop_backend shop-web-1');
  });

  it('network create with every option the dialog offers, and rm (disconnecting first where needed)', () => {
    expect(
      dockerNetworkCreate({
        name: 'lab',
        driver: 'bridge',
        ipv4: { subnet: '10.9.0.0/24', gateway: '10.9.0.254', ipRange: '10.9.0.128/25', auxAddresses: { router: '10.9.0.2' } },
        internal: true,
        bridge: { name: 'lab0', icc: false, mtu: 1400 },
        labels: { team: 'net' },
      }),
    ).toBe(
      'docker network create --driver bridge --subnet 10.9.0.0/24 --gateway 10.9.0.254 --ip-range 10.9.0.128/25 --aux-address router=10.9.0.2 ' +
        '--internal -o com.docker.network.bridge.name=lab0 -o com.docker.network.bridge.enable_icc=false -o com.docker.network.driver.mtu=1400 --label team=net lab',
    );
    expect(dockerNetworkRm('lab')).toBe('docker network rm lab');
    expect(dockerNetworkRm('lab', ['a'])).toBe('docker network disconnect lab a && docker network rm lab');
  });

  it('container actions, and the wiring Docker has no command for', () => {
    expect(dockerContainerAction('remove', 'web')).toBe('docker stop web && docker rm web');
    expect(dockerContainerAction('restart', 'web')).toBe('docker restart web');
    expect(
      dockwireWire({ container: 'x', network: 'y', address: '172.17.42.99/16', route: false }, { container: 'lonely', network: 'bridge' }),
    ).toBe('dockwire wire lonely bridge --ip 172.17.42.99/16 --no-route');
    expect(dockwireUnwire('lonely', 'eth0')).toBe('dockwire unwire lonely eth0');
  });
});
