import { describe, expect, it } from 'vitest';
import { buildTopology } from './buildTopology';
import { dnsPath, extraHostAddress } from './dnsPath';
import { containerJson, endpointJson, facts, networkJson } from '../tests/fixtures/dockerJson';

const LOCALNET = networkJson('localnet', { IPAM: { Config: [{ Subnet: '172.20.0.0/16' }] } });
const client = containerJson('client', 'localnet', { localnet: endpointJson(LOCALNET, '172.20.0.2') });
client.HostConfig = { ...client.HostConfig, Dns: ['10.0.0.53'], ExtraHosts: ['db.local:10.9.9.9'] };
const web = containerJson('web', 'localnet', { localnet: endpointJson(LOCALNET, '172.20.0.3', { Aliases: ['www'] }) });
const topology = buildTopology(facts([LOCALNET], [client, web]), 1, 'now');
const from = topology.containers.find((c) => c.name === 'client')!;

describe('dnsPath', () => {
  it("names Docker's record for a container or alias on a shared network", () => {
    expect(dnsPath(from, topology, 'www', { server: '127.0.0.11', tried: [{ name: 'www.', answers: 1 }] })).toBe(
      "Docker's record for web on localnet",
    );
  });
  it('says a name Docker does not know was forwarded upstream, and a search domain added', () => {
    expect(
      dnsPath(from, topology, 'intranet', {
        server: '127.0.0.11',
        tried: [
          { name: 'intranet.corp.example.', answers: 1 },
          { name: 'intranet.', answers: 0 },
        ],
      }),
    ).toBe("as intranet.corp.example (a search domain added); forwarded by Docker's DNS to 10.0.0.53 (--dns)");
  });
  it('reads --add-host entries, as /etc/hosts does, before any server', () => {
    expect(extraHostAddress(from, 'DB.local')).toBe('10.9.9.9');
    expect(extraHostAddress(from, 'web')).toBeNull();
  });
});
