import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRule } from './firewall.js';
import { firewallView, policyWords, ruleWords, rulesFor } from './firewallView.js';
import type { Firewall, NftRule } from './helperProtocol.js';

/** Rules the helper read from a real Docker host (iptables-nft), and what `iptables -S` printed for that host. */
const host = JSON.parse(readFileSync(new URL('../tests/fixtures/firewall-docker.json', import.meta.url), 'utf8')) as Firewall;
const IPTABLES_S = `
-A FORWARD -o br-7d2da7a58e11 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -o br-b87d62d847cb -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A DOCKER -d 172.19.0.2/32 ! -i br-7d2da7a58e11 -o br-7d2da7a58e11 -p tcp -m tcp --dport 80 -j ACCEPT
-A DOCKER-ISOLATION-STAGE-1 -i br-7d2da7a58e11 ! -o br-7d2da7a58e11 -j DOCKER-ISOLATION-STAGE-2
-A DOCKER-ISOLATION-STAGE-1 -i br-b87d62d847cb ! -o br-b87d62d847cb -j DOCKER-ISOLATION-STAGE-2
-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
-A DOCKER-ISOLATION-STAGE-2 -o br-7d2da7a58e11 -j DROP
-A DOCKER-ISOLATION-STAGE-2 -o br-b87d62d847cb -j DROP
-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
-A POSTROUTING -s 172.19.0.0/16 ! -o br-7d2da7a58e11 -j MASQUERADE
-A POSTROUTING -s 172.18.0.0/16 ! -o br-b87d62d847cb -j MASQUERADE
-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
-A DOCKER ! -i br-7d2da7a58e11 -p tcp -m tcp --dport 18080 -j DNAT --to-destination 172.19.0.2:80
`
  .trim()
  .split('\n');

const names = { bridges: new Map([['br-7d2da7a58e11', 'shop_default']]) };
const ruleOf = (chain: string, target: string) => host.rules.map(readRule).find((r) => r.chain === chain && r.target === target)!;

describe('the firewall in iptables words', () => {
  it('writes every rule of a real Docker host exactly as iptables -S printed it', () => {
    expect(host.rules.length).toBeGreaterThanOrEqual(7);
    for (const rule of host.rules) expect(IPTABLES_S).toContain(readRule(rule).text);
  });

  it("reads a published port's DNAT: where to, from which port", () => {
    const dnat = ruleOf('DOCKER', 'DNAT');
    expect(dnat.toDestination).toBe('172.19.0.2:80');
    expect(dnat.match.dport).toBe('18080');
    expect(ruleWords(dnat, names)).toBe("Docker's published port: packets to the host:18080 go to 172.19.0.2:80.");
  });

  it("names the network Docker's isolation drops packets into", () => {
    const drop = ruleOf('DOCKER-ISOLATION-STAGE-2', 'DROP');
    expect(ruleWords(drop, names)).toMatch(/^Docker isolates networks from each other: packets from another Docker network into /);
  });

  it("says what each of Docker's rules is for, never only which chain it is in", () => {
    for (const rule of host.rules) expect(ruleWords(readRule(rule), names)).not.toMatch(/^A rule in/);
    expect(ruleWords(ruleOf('FORWARD', 'ACCEPT'), names)).toMatch(/^Answers to connections made from .+ are let back in\.$/);
  });

  it('shows a rule of a shape it does not know as its expressions, never guessed', () => {
    const odd: NftRule = {
      family: 'ip',
      table: 'filter',
      chain: 'INPUT',
      handle: 9,
      exprs: [
        { kind: 'limit', data: '0a' },
        { kind: 'immediate', verdict: 'accept' },
      ],
    };
    const read = readRule(odd);
    expect(read.raw).toBe(true);
    expect(read.text).toBe('-A INPUT [limit data=0a] [immediate verdict=accept]');
  });

  it('says what a FORWARD policy of DROP means for a bridge Docker does not manage, and how to let it through', () => {
    expect(policyWords('FORWARD', 'drop', 'br-hand', names)).toContain('iptables -I DOCKER-USER -i br-hand -o br-hand -j ACCEPT');
    expect(policyWords('FORWARD', 'drop', 'br-7d2da7a58e11', names)).not.toContain('DOCKER-USER');
  });

  it('groups rules under their chains, base chains with their policy and counters', () => {
    const view = firewallView(host, names, '2026-12-03T00:00:00Z');
    const forward = view.chains.find((c) => c.name === 'FORWARD')!;
    expect(forward).toMatchObject({ hook: 'forward', policy: 'drop' });
    expect(forward.rules.map((r) => r.line)).toEqual([
      expect.stringMatching(/^-A FORWARD -o \S+ -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT$/),
    ]);
    expect(view.chains.find((c) => c.name === 'DOCKER-USER')).toMatchObject({ hook: null, policy: null, rules: [] });
  });
});

describe('the rules that concern one thing', () => {
  const view = firewallView(host, names, 'now');
  it("a network: the rules naming its bridge or its subnet, and FORWARD's policy", () => {
    const scoped = rulesFor(view, { kind: 'network', bridge: 'br-7d2da7a58e11', subnets: ['172.19.0.0/16'] });
    const lines = scoped.flatMap((s) => s.rules.map((r) => r.line));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/br-7d2da7a58e11|172\.19\.0\.0\/16/);
    expect(scoped[0]?.chain).toMatchObject({ name: 'FORWARD', policy: 'drop' });
  });

  it("a published port: its DNAT, and the rule that lets it through to the container's port", () => {
    const scoped = rulesFor(view, {
      kind: 'ports',
      ports: [{ hostPort: 18080, protocol: 'tcp', containerAddress: '172.19.0.2', containerPort: 80 }],
    });
    expect(scoped.flatMap((s) => s.rules.map((r) => r.line)).sort()).toEqual([
      '-A DOCKER ! -i br-7d2da7a58e11 -p tcp -m tcp --dport 18080 -j DNAT --to-destination 172.19.0.2:80',
      '-A DOCKER -d 172.19.0.2/32 ! -i br-7d2da7a58e11 -o br-7d2da7a58e11 -p tcp -m tcp --dport 80 -j ACCEPT',
    ]);
  });
});
