/**
 * How each container resolves names, against what Docker and the container
 * itself say: `containers[].dns` compared with `docker inspect` (HostConfig)
 * and the container's own /etc/resolv.conf; the DNS step names the way each
 * answer came (Docker's record, /etc/hosts), and a --dns server that does not
 * answer is named. The "DNS server" here is a container of this test that
 * serves no DNS: every query stays among this test's containers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { formatTree } from '../../backend/cli/formatTree';
import { resolverSummary } from '../../common/resolverSummary';
import type { Topology } from '../../common/topology';
import { cleanup, createNetwork, execIn, inspectJson, runContainer } from '../support/docker';
import { containerNamed, startBackend, waitForTopology } from './backendHarness';

let backend: Backend;
let topology: Topology;
let quiet: string;
let webIp: string;

interface HostConfig {
  Dns: string[] | null;
  DnsSearch: string[] | null;
  DnsOptions: string[] | null;
  ExtraHosts: string[] | null;
}
const hostConfig = (name: string) => inspectJson<{ HostConfig: HostConfig }>('container', name).HostConfig;

/** The container's resolv.conf as its own tools read it. */
function resolvConfOf(name: string) {
  const lines = execIn(name, 'cat', '/etc/resolv.conf').split('\n');
  const values = (key: string) => lines.filter((l) => l.startsWith(`${key} `)).flatMap((l) => l.split(/\s+/).slice(1));
  return { nameservers: values('nameserver'), search: values('search'), options: values('options') };
}

beforeAll(async () => {
  cleanup();
  createNetwork('dw-r-net', '10.225.0.0/24');
  runContainer('dw-r-quiet', []);
  quiet = inspectJson<{ NetworkSettings: { IPAddress: string } }>('container', 'dw-r-quiet').NetworkSettings.IPAddress;
  runContainer('dw-r-web', ['--network', 'dw-r-net', '--network-alias', 'www'], ['httpd', '-f', '-p', '80', '-h', '/www']);
  webIp = inspectJson<{ NetworkSettings: { Networks: Record<string, { IPAddress: string }> } }>('container', 'dw-r-web').NetworkSettings
    .Networks['dw-r-net']!.IPAddress;
  // On a user-defined network: Docker's DNS answers, and forwards the rest to --dns.
  runContainer('dw-r-app', [
    '--network',
    'dw-r-net',
    '--dns',
    quiet,
    '--dns-search',
    'corp.example',
    '--dns-option',
    'ndots:2',
    '--add-host',
    `webhost:${webIp}`,
  ]);
  // On the default bridge: --dns is asked directly.
  runContainer('dw-r-old', ['--dns', quiet, '--dns-search', 'corp.example']);
  backend = startBackend();
  topology = await waitForTopology(
    backend,
    (t) => t.helper.mode === 'container' && ['dw-r-app', 'dw-r-old'].every((name) => containerNamed(t, name)?.dns.unread === null),
    15_000,
  );
});

afterAll(async () => {
  await backend?.stop();
  cleanup();
});

describe("each container's resolver", () => {
  it('matches docker inspect and the resolv.conf inside the container', () => {
    for (const name of ['dw-r-app', 'dw-r-old', 'dw-r-web']) {
      const dns = containerNamed(topology, name)!.dns;
      const host = hostConfig(name);
      expect(dns.configured, name).toEqual({ servers: host.Dns ?? [], search: host.DnsSearch ?? [], options: host.DnsOptions ?? [] });
      expect(dns.extraHosts, name).toEqual(host.ExtraHosts ?? []);
      const conf = resolvConfOf(name);
      expect({ nameservers: dns.nameservers, search: dns.search, options: dns.options }, name).toEqual(conf);
      expect(dns.embedded, name).toBe(conf.nameservers.includes('127.0.0.11'));
    }
    expect(containerNamed(topology, 'dw-r-app')!.dns).toMatchObject({ embedded: true, extraHosts: [`webhost:${webIp}`] });
    expect(containerNamed(topology, 'dw-r-old')!.dns).toMatchObject({ embedded: false, nameservers: [quiet] });
  });

  it('says in words how each resolves, in the CLI tree too', () => {
    const app = resolverSummary(containerNamed(topology, 'dw-r-app')!, topology);
    expect(app.line).toBe(
      `asks Docker's DNS (127.0.0.11); names on dw-r-net answered by Docker; other names forwarded to ${quiet} (--dns)`,
    );
    expect(app.details).toContain(`extra hosts (--add-host, in /etc/hosts, asked before any server): webhost → ${webIp}`);
    const old = resolverSummary(containerNamed(topology, 'dw-r-old')!, topology);
    expect(old.line).toBe(`asks ${quiet} directly (--dns); no container names (Docker answers them only on user-defined networks)`);
    expect(formatTree(topology)).toContain(`  dw-r-app: ${app.line}`);
  });

  it("names the way an answer came: Docker's record for a container on a shared network, /etc/hosts for --add-host", async () => {
    const byAlias = await backend.handlers.test({ from: 'dw-r-app', target: 'www' });
    expect(byAlias.steps[0]).toMatchObject({ name: 'dns', status: 'pass' });
    expect(byAlias.steps[0]!.summary).toContain("Docker's record for dw-r-web on dw-r-net");
    const byHosts = await backend.handlers.test({ from: 'dw-r-app', target: 'webhost', port: 80 });
    expect(byHosts.steps.map((s) => [s.name, s.status])).toEqual([
      ['dns', 'pass'],
      ['route', 'pass'],
      ['ping', 'pass'],
      ['tcp', 'pass'],
    ]);
    expect(byHosts.steps[0]!.summary).toBe(`webhost is ${webIp} (from /etc/hosts: --add-host webhost:${webIp}, before any DNS server)`);
  });

  it('a compose-style service name on a network the source is not on: the Connect fix, not the --dns server it was forwarded to; the fix makes it resolve', async () => {
    createNetwork('dw-r-back', '10.225.1.0/24');
    runContainer('dw-r-db', ['--network', 'dw-r-back', '--network-alias', 'db']);
    await waitForTopology(backend, (t) => Boolean(containerNamed(t, 'dw-r-db')?.endpoints[0]?.aliases.includes('db')));
    // Docker's DNS does not know "db" on dw-r-net, forwards it to the quiet --dns server, and nothing answers.
    const before = await backend.handlers.test({ from: 'dw-r-app', target: 'db' });
    expect(before.steps[0]).toMatchObject({ name: 'dns', status: 'fail' });
    expect(before.diagnosis.map((d) => d.code)).toEqual(['name-on-other-network']);
    expect(before.diagnosis[0]!.text).toContain('db is a name Docker knows on dw-r-back (dw-r-db), which dw-r-app is not on');
    const fix = before.diagnosis[0]!.fix!;
    expect(fix).toMatchObject({ kind: 'connect', networkName: 'dw-r-back', label: 'Connect dw-r-app to dw-r-back' });
    await backend.handlers.connect({ container: 'dw-r-app', network: 'dw-r-back' });
    await waitForTopology(backend, (t) => Boolean(containerNamed(t, 'dw-r-app')?.endpoints.some((e) => e.networkName === 'dw-r-back')));
    const after = await backend.handlers.test({ from: 'dw-r-app', target: 'db' });
    expect(after.steps[0]).toMatchObject({ name: 'dns', status: 'pass' });
    await backend.handlers.disconnect({ container: 'dw-r-app', network: 'dw-r-back' });
  });

  it('a name Docker forwards to a --dns server that does not answer fails naming that server', async () => {
    const forwarded = await backend.handlers.test({ from: 'dw-r-app', target: 'intranet.test' });
    expect(forwarded.steps[0]).toMatchObject({ name: 'dns', status: 'fail' });
    expect(forwarded.diagnosis.map((d) => d.code)).toEqual(['dns-server-unreachable']);
    expect(forwarded.diagnosis[0]!.text).toContain(`Docker's DNS forwarded it to ${quiet} (--dns), which did not answer`);
    const direct = await backend.handlers.test({ from: 'dw-r-old', target: 'intranet.test' });
    expect(direct.diagnosis.map((d) => d.code)).toEqual(['dns-server-unreachable']);
    expect(direct.diagnosis[0]!.text).toContain(`dw-r-old asks ${quiet} (--dns) directly`);
  });
});
