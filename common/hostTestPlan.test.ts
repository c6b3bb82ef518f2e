import { describe, expect, it } from 'vitest';
import { buildTopology } from './buildTopology';
import { listeningDiagnosis, parseHostTarget, planHostTest } from './hostTestPlan';
import { containerJson, endpointJson, facts, networkJson } from '../tests/fixtures/dockerJson';

const NET = networkJson('app', { IPAM: { Config: [{ Subnet: '10.1.0.0/24' }] } });
const published = (name: string, ports: Record<string, Array<{ HostIp: string; HostPort: string }>>) =>
  containerJson(
    name,
    'app',
    { app: endpointJson(NET, '10.1.0.2') },
    { NetworkSettings: { Ports: ports, Networks: { app: endpointJson(NET, '10.1.0.2') } } },
  );
const web = published('web', { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '5050' }] });
const admin = published('admin', { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '9090' }] });
const topology = buildTopology(facts([NET], [web, admin]), 1, 'now');

describe('planHostTest', () => {
  it('reads IP:PORT, [IPv6]:PORT and CONTAINER:PORT, and refuses anything else as a usage problem', () => {
    expect(parseHostTarget('127.0.0.1:5050')).toEqual({ host: '127.0.0.1', port: 5050 });
    expect(parseHostTarget('[::1]:5050')).toEqual({ host: '::1', port: 5050 });
    expect(parseHostTarget('web:80')).toEqual({ host: 'web', port: 80 });
    for (const bad of ['web', 'web:0', 'web:70000', ':80', 'a b:80'])
      expect(() => parseHostTarget(bad), bad).toThrow(expect.objectContaining({ code: 'usage' }));
  });

  it("finds a container's port through what it publishes, on every address tested on loopback", () => {
    expect(planHostTest(topology, { target: 'web:80' })).toMatchObject({
      address: '127.0.0.1',
      port: 5050,
      containerPort: 80,
      mapping: '127.0.0.1:5050 -> web:80/tcp',
      diagnosis: [],
    });
    expect(planHostTest(topology, { target: '127.0.0.1:5050' })).toMatchObject({ mapping: '127.0.0.1:5050 -> web:80/tcp' });
  });

  it('a port not published says which -p it needs; published on loopback only, asked elsewhere, says so', () => {
    const unpublished = planHostTest(topology, { target: 'web:443' });
    expect(unpublished).toMatchObject({ address: null, diagnosis: [{ code: 'not-published' }] });
    expect(unpublished.diagnosis[0]!.text).toContain('(it publishes 80)');
    expect(unpublished.diagnosis[0]!.text).toContain('-p HOSTPORT:443');
    const elsewhere = planHostTest(topology, { target: '192.168.1.10:9090' });
    expect(elsewhere.diagnosis[0]).toMatchObject({ code: 'published-on-loopback-only' });
    expect(elsewhere.diagnosis[0]!.text).toContain('admin publishes port 9090 on 127.0.0.1 only');
  });

  it('what listens inside explains a publication that leads nowhere', () => {
    const plan = planHostTest(topology, { target: 'web:80' });
    const withListening = (listening: Array<{ protocol: 'tcp' | 'udp'; address: string; port: number }>) =>
      listeningDiagnosis({ ...plan, container: { ...plan.container!, listening } }, []);
    expect(withListening([{ protocol: 'tcp', address: '127.0.0.1', port: 80 }])?.code).toBe('listens-on-loopback');
    expect(withListening([{ protocol: 'udp', address: '0.0.0.0', port: 80 }])?.code).toBe('nothing-listening');
    expect(withListening([{ protocol: 'tcp', address: '::', port: 80 }])).toBeNull();
  });
});
