import { describe, expect, it } from 'vitest';
import { buildTopology } from './buildTopology.js';
import { loopbackOnlyWarning } from './format.js';
import { diagnose } from './diagnose.js';
import type { TestStep } from './testReport.js';
import { containerJson, DEFAULT_BRIDGE, endpointJson, facts, networkJson } from '../tests/fixtures/dockerJson.js';

const X = networkJson('x', { Id: '1'.repeat(64), IPAM: { Config: [{ Subnet: '10.1.0.0/24' }] } });
const Y = networkJson('y', { Id: '2'.repeat(64), IPAM: { Config: [{ Subnet: '10.2.0.0/24' }] } });
const NOICC = networkJson('noicc', { Id: '3'.repeat(64), Options: { 'com.docker.network.bridge.enable_icc': 'false' } });
const INTERNAL = networkJson('inner', { Id: '4'.repeat(64), Internal: true });
const a = containerJson('a', 'x', { x: endpointJson(X, '10.1.0.2') });
const b = containerJson('b', 'y', { y: endpointJson(Y, '10.2.0.2') });
const onBridgeA = containerJson('ba', 'bridge', { bridge: endpointJson(DEFAULT_BRIDGE, '172.17.0.2') });
const onBridgeB = containerJson('bb', 'bridge', { bridge: endpointJson(DEFAULT_BRIDGE, '172.17.0.3') });
const iccA = containerJson('ia', 'noicc', { noicc: endpointJson(NOICC, '10.3.0.2') });
const iccB = containerJson('ib', 'noicc', { noicc: endpointJson(NOICC, '10.3.0.3') });
const lonely = containerJson('lonely', 'none', {});
const stopped = containerJson(
  'stopped',
  'x',
  { x: endpointJson(X, null) },
  { State: { Status: 'exited', Running: false, Pid: 0, ExitCode: 0 } },
);
const hidden = containerJson('hidden', 'inner', { inner: endpointJson(INTERNAL, '10.4.0.2') });
const topology = buildTopology(facts([X, Y, NOICC, INTERNAL], [a, b, onBridgeA, onBridgeB, iccA, iccB, lonely, stopped, hidden]), 1, 'now');
const c = (name: string) => topology.containers.find((x) => x.name === name)!;
const step = (name: TestStep['name'], status: TestStep['status'], evidence: unknown = {}): TestStep => ({
  name,
  status,
  summary: '',
  timeMs: 1,
  evidence,
});
const run = (from: string, target: string | null, steps: TestStep[], extra: { address?: string; port?: number } = {}) =>
  diagnose({
    topology,
    from: c(from),
    target: target ? c(target) : null,
    targetText: target ?? 'example.test',
    address: extra.address ?? '10.9.9.9',
    port: extra.port ?? null,
    steps,
    handWired: false,
  });
const codes = (list: Array<{ code: string }>) => list.map((d) => d.code);

describe('diagnose', () => {
  it('no shared network: says where each is, and offers to connect A to B’s network', () => {
    const [finding] = run('a', 'b', [step('dns', 'fail'), step('ping', 'fail')]);
    expect(finding).toEqual({
      code: 'no-shared-network',
      text: 'a is on x; b is on y: they share no network, so no packet can pass between them.',
      fix: { kind: 'connect', container: c('a').id, network: Y.Id, networkName: 'y', label: 'Connect a to y' },
    });
  });

  it('the default bridge gives no DNS names: suggests a user-defined network or the IP', () => {
    expect(run('ba', 'bb', [step('dns', 'fail'), step('ping', 'pass')])).toEqual([
      {
        code: 'no-dns-default-bridge',
        text: 'ba and bb share only bridge, where Docker gives no DNS names: put both on a user-defined network, or use the address (172.17.0.3).',
      },
    ]);
  });

  it('a stopped target, a none-mode source, a stopped source', () => {
    expect(codes(run('a', 'stopped', [step('dns', 'fail')]))).toEqual(['target-stopped']);
    expect(codes(run('lonely', 'a', [step('route', 'fail')]))).toEqual(['source-none']);
    expect(codes(run('stopped', 'a', []))).toEqual(['source-stopped']);
  });

  it('inter-container communication disabled on the shared bridge', () => {
    expect(codes(run('ia', 'ib', [step('dns', 'pass'), step('ping', 'fail')]))).toEqual(['icc-disabled']);
  });

  it('an internal network has no way out', () => {
    expect(codes(run('hidden', null, [step('route', 'fail')]))).toContain('internal-network');
  });

  it('a refused port, and an HTTP error status', () => {
    expect(run('a', null, [step('ping', 'pass'), step('tcp', 'fail', { state: 'refused' })], { address: '10.1.0.3', port: 81 })).toEqual([
      { code: 'port-closed', text: 'Nothing listens on port 81 at 10.1.0.3: the connection was refused.' },
    ]);
    expect(run('a', null, [step('tcp', 'pass'), step('http', 'fail', { status: 404, statusText: '404 Not Found' })])).toEqual([
      { code: 'http-error', text: 'The server answered, with an error: 404 Not Found.' },
    ]);
  });

  it('finds nothing wrong when every step passed', () => {
    expect(run('a', null, [step('dns', 'pass'), step('ping', 'pass')])).toEqual([]);
  });

  it("a resolver that does not answer: Docker's DNS asked from a namespace made by hand, or a --dns server", () => {
    const silent = (server: string) => ({
      tried: [{ name: 'b.', server, rcode: 'read udp: i/o timeout', answers: 0 }],
      resolvConf: { nameservers: [server], search: [] },
    });
    const handWired = diagnose({
      topology,
      from: c('lonely'),
      target: c('b'),
      targetText: 'b',
      address: '10.2.0.2',
      port: null,
      steps: [step('dns', 'fail', silent('127.0.0.11'))],
      handWired: true,
    });
    expect(codes(handWired)).toEqual(['resolver-unreachable']);
    expect(handWired[0]!.text).toContain("asks Docker's DNS server (127.0.0.11), which answers only inside containers Docker connected");
    const custom = run('a', null, [step('dns', 'fail', silent('10.1.0.53'))]);
    expect(codes(custom)).toEqual(['resolver-unreachable']);
    expect(custom[0]!.text).toContain('it asks 10.1.0.53');
    // A server that answered "no such name" was reached: the name is the trouble.
    const nxdomain = {
      tried: [{ name: 'x.', server: '127.0.0.11', rcode: 'NXDOMAIN', answers: 0 }],
      resolvConf: { nameservers: ['127.0.0.11'], search: [] },
    };
    expect(codes(run('a', null, [step('dns', 'fail', nxdomain)]))).toEqual(['name-not-found']);
  });

  it('an alias known only on a network the source is not on: says where, and offers to connect', () => {
    const aliased = containerJson('svc', 'y', { y: endpointJson(Y, '10.2.0.9', { Aliases: ['api'] }) });
    const withAlias = buildTopology(facts([X, Y], [a, aliased]), 1, 'now');
    const [diagnosis] = diagnose({
      topology: withAlias,
      from: withAlias.containers.find((x) => x.name === 'a')!,
      target: null,
      targetText: 'api',
      address: null,
      port: null,
      steps: [step('dns', 'fail', { tried: [{ name: 'api.', server: '127.0.0.11', rcode: 'NXDOMAIN', answers: 0 }] })],
      handWired: false,
    });
    expect(diagnosis).toMatchObject({ code: 'name-on-other-network', fix: { networkName: 'y', label: 'Connect a to y' } });
    expect(diagnosis!.text).toContain('api is a name Docker knows on y (svc), which a is not on');
  });

  it("a compose service's name on another network of the project: the Connect fix, not the DNS server that the name was forwarded to", () => {
    const project = (name: string) => ({ Config: { Image: 'busybox', Labels: { 'com.docker.compose.project': name } } });
    const web = containerJson('shop-web-1', 'x', { x: endpointJson(X, '10.1.0.5') }, project('shop'));
    const db = containerJson('shop-db-1', 'y', { y: endpointJson(Y, '10.2.0.7', { Aliases: ['db', 'shop-db-1'] }) }, project('shop'));
    const Z = networkJson('z', { IPAM: { Config: [{ Subnet: '10.9.0.0/24' }] } });
    const otherDb = containerJson('blog-db-1', 'z', { z: endpointJson(Z, '10.9.0.7', { Aliases: ['db'] }) }, project('blog'));
    const host = buildTopology(facts([X, Y, Z], [otherDb, web, db]), 1, 'now');
    const from = {
      ...host.containers.find((x) => x.name === 'shop-web-1')!,
      dns: { ...host.containers[0]!.dns, configured: { servers: ['10.0.0.53'], search: [], options: [] } },
    };
    // Docker's DNS did not know "db" on x, forwarded it to the --dns server, which never answered.
    const forwardedAndLost = {
      tried: [{ name: 'db.', server: '127.0.0.11', rcode: 'i/o timeout', answers: 0 }],
      resolvConf: { nameservers: ['127.0.0.11'], search: [] },
    };
    const result = diagnose({
      topology: host,
      from,
      target: null,
      targetText: 'db',
      address: null,
      port: null,
      steps: [step('dns', 'fail', forwardedAndLost)],
      handWired: false,
    });
    expect(codes(result)).toEqual(['name-on-other-network']);
    expect(result[0]).toMatchObject({ fix: { kind: 'connect', networkName: 'y', label: 'Connect shop-web-1 to y' } });
    expect(result[0]!.text).toContain('db is a name Docker knows on y (shop-db-1)');
  });

  it('no shared network explains a container name that does not resolve: no resolver diagnosis on top', () => {
    const silent = {
      tried: [{ name: 'b.', server: '127.0.0.1', rcode: 'connection refused', answers: 0 }],
      resolvConf: { nameservers: ['127.0.0.1'], search: [] },
    };
    expect(codes(run('a', 'b', [step('dns', 'fail', silent)]))).toEqual(['no-shared-network']);
  });

  it('a refused port whose server listens only on loopback inside the target says so; otherwise what does listen', () => {
    const tcp = step('tcp', 'fail', { state: 'refused' });
    const withListening = (listening: Array<{ protocol: 'tcp' | 'udp'; address: string; port: number }>) =>
      diagnose({
        topology,
        from: c('ia'),
        target: { ...c('ib'), listening },
        targetText: 'ib',
        address: '10.3.0.3',
        port: 8080,
        steps: [step('ping', 'pass'), tcp],
        handWired: false,
      });
    const [loopback] = withListening([{ protocol: 'tcp', address: '127.0.0.1', port: 8080 }]);
    expect(loopback).toMatchObject({ code: 'listens-on-loopback' });
    expect(loopback!.text).toContain('ib listens on port 8080 only on 127.0.0.1, inside its own namespace');
    const [closed] = withListening([{ protocol: 'tcp', address: '0.0.0.0', port: 80 }]);
    expect(closed).toEqual({
      code: 'port-closed',
      text: 'Nothing listens on port 8080 at 10.3.0.3: the connection was refused (ib listens on 0.0.0.0:80).',
    });
    expect(
      loopbackOnlyWarning(
        { ...c('ib'), listening: [{ protocol: 'tcp', address: '::1', port: 80 }] },
        {
          containerPort: 80,
          protocol: 'tcp',
          hostIp: '0.0.0.0',
          hostPort: 5050,
        },
      ),
    ).toBe(' ⚠ listens on ::1 only');
  });
});
