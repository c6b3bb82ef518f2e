/**
 * One connectivity test: from a container to a target, the steps a person
 * would run by hand (dns -> route -> ping -> tcp -> http, as they apply),
 * then the diagnosis. Refuses only what cannot be a test (an unknown source).
 */
import type Docker from 'dockerode';
import { diagnose, effectiveEndpoints, nameKnownOnlyElsewhere, sharedNetworks } from '../../common/diagnose.js';
import { dnsPath, extraHostAddress } from '../../common/dnsPath.js';
import { parseIPv4 } from '../../common/ipv4.js';
import { findContainer, mustFind } from '../../common/resolve.js';
import type { TestReport, TestSpec, TestStep } from '../../common/testReport.js';
import type { ContainerInfo, Topology } from '../../common/topology.js';
import type { KernelView } from '../helper/kernelView.js';
import { withFreshListening } from './freshListening.js';
import { execProbes, helperProbes, type Probes } from './helperProbes.js';

/** How a caller follows a test: each step as it is done, and a signal that stops it between (or during) steps. */
export interface TestHooks {
  onStep?(step: TestStep): void;
  signal?: AbortSignal;
}

class Cancelled extends Error {}

/** How long to wait for a name Docker can only forward upstream (see runSteps). */
const ELSEWHERE_DNS_TIMEOUT_MS = 500;

/** A probe's answer, unless the test is cancelled first (the probe itself ends on its own time limit; its answer is dropped). */
function unlessCancelled<T>(probe: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return probe;
  if (signal.aborted) return Promise.reject(new Cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    probe.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export async function runConnectivityTest(
  docker: Docker,
  kernel: KernelView,
  topology: Topology,
  spec: TestSpec,
  hooks: TestHooks = {},
): Promise<TestReport> {
  const from = mustFind('container', topology, spec.from, 'from');
  const plan = planTarget(topology, from, spec);
  const report: TestReport = {
    from: { id: from.id, name: from.name },
    target: { text: spec.target, kind: plan.kind, containerId: plan.container?.id ?? null, address: plan.address },
    steps: [],
    diagnosis: [],
    ok: false,
    via: kernel.running ? 'helper' : 'docker-exec',
    untested: [],
  };
  const handWired = topology.unmanagedLinks.some((l) => l.peer?.containerId === from.id);
  const finish = (target = plan.container) => {
    report.diagnosis = diagnose({
      topology,
      from,
      target,
      targetText: spec.target,
      address: report.target.address,
      port: plan.port,
      steps: report.steps,
      handWired,
    });
    report.ok = report.steps.length > 0 && report.steps.every((s) => s.status !== 'fail') && report.diagnosis.length === 0;
    return report;
  };
  if (from.state !== 'running' || !from.pid) return finish();

  const probes: Probes = kernel.running ? helperProbes(kernel, { pid: from.pid, container: from.id }) : execProbes(docker, from.id);
  report.via = probes.via;
  const add = (step: TestStep) => {
    report.steps.push(step);
    hooks.onStep?.(step);
  };
  const probe = <T>(running: Promise<T>) => unlessCancelled(running, hooks.signal);
  try {
    await runSteps({ probes, plan, report, add, probe, from, topology });
  } catch (error) {
    if (!(error instanceof Cancelled)) throw error;
    report.untested = probes.untested;
    return { ...report, diagnosis: [], ok: false, cancelled: true };
  }
  report.untested = probes.untested;
  // A refused port is explained by what listens in the target now (bound to 127.0.0.1 only, or nothing on the port).
  const refused = report.steps.some((s) => s.name === 'tcp' && s.status === 'fail');
  return finish(refused ? await withFreshListening(kernel, plan.container) : plan.container);
}

/** A route step says which Docker network its interface is on, and for an overlay, its VXLAN id. */
function withNetworkNamed(step: TestStep, from: ContainerInfo, topology: Topology): TestStep {
  const ifname = (step.evidence as { ifname?: unknown } | null)?.ifname;
  const endpoint = from.endpoints.find((e) => e.ifname !== null && e.ifname === ifname);
  const network = endpoint && topology.networks.find((n) => n.id === endpoint.networkId);
  if (step.status !== 'pass' || !network) return step;
  const overlay = network.overlay ? `overlay network ${network.name}, VXLAN ${network.overlay.vni ?? '?'}` : `network ${network.name}`;
  return { ...step, summary: `${step.summary} (${ifname} is on ${overlay})` };
}

interface StepRun {
  probes: Probes;
  plan: TargetPlan;
  report: TestReport;
  add: (step: TestStep) => void;
  probe: <T>(running: Promise<T>) => Promise<T>;
  from: ContainerInfo;
  topology: Topology;
}

/** dns -> route -> ping -> tcp -> http, as they apply; each step added as it is done. */
async function runSteps({ probes, plan, report, add, probe, from, topology }: StepRun): Promise<void> {
  let address = plan.address;
  if (plan.name) {
    // A name Docker knows only on a network the source is not on: its DNS can only forward it upstream, so the
    // answer is not worth a long wait (an upstream that never answers would cost the whole default timeout).
    const timeoutMs = nameKnownOnlyElsewhere(topology, from, plan.name) ? ELSEWHERE_DNS_TIMEOUT_MS : undefined;
    const dns = await resolveName(from, topology, plan.name, (name) => probe(probes.dns(name, timeoutMs)));
    add(dns.step);
    address = dns.address ?? address;
  }
  report.target.address = address;
  if (!address) return;
  const route = withNetworkNamed(await probe(probes.route(address)), from, topology);
  add(route);
  if (route.status === 'fail') return;
  add(await probe(probes.ping(address)));
  if (plan.port) add(await probe(probes.tcp(address, plan.port)));
  if (plan.url) add(await probe(probes.http(plan.url, address)));
}

interface TargetPlan {
  kind: TestReport['target']['kind'];
  container: ContainerInfo | null;
  /** A name to resolve inside the source, if any. */
  name: string | null;
  /** The address known without DNS (an IP typed in, or the container's address on a shared network). */
  address: string | null;
  port: number | null;
  url: string | null;
}

/** What the typed target is, and how to reach it. */
export function planTarget(topology: Topology, from: ContainerInfo, spec: TestSpec): TargetPlan {
  const text = spec.target.trim();
  const port = spec.port ?? (spec.httpPath ? 80 : null);
  const path = spec.httpPath ? (spec.httpPath.startsWith('/') ? spec.httpPath : `/${spec.httpPath}`) : null;
  if (/^https?:\/\//i.test(text)) {
    const url = new URL(text);
    const isIp = parseIPv4(url.hostname) !== null;
    const urlPort = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    return {
      kind: 'url',
      container: null,
      name: isIp ? null : url.hostname,
      address: isIp ? url.hostname : null,
      port: urlPort,
      url: url.toString(),
    };
  }
  const urlFor = (host: string) => (path ? `http://${host}${port && port !== 80 ? `:${port}` : ''}${path}` : null);
  if (text === 'host') {
    const gateway = effectiveEndpoints(from, topology).find((e) => e.gateway)?.gateway ?? null;
    return { kind: 'host', container: null, name: null, address: gateway, port, url: gateway ? urlFor(gateway) : null };
  }
  if (parseIPv4(text) !== null) return { kind: 'ip', container: null, name: null, address: text, port, url: urlFor(text) };
  // A name Docker's DNS knows (a compose service's `db`, an alias) is meant as that name, even when it also reads as
  // the start of some container's id (db, cafe, add are hex): an id prefix counts only when no name is meant.
  const exact = topology.containers.find((c) => c.name === text || c.id === text);
  const container = exact ?? (isAliasOnSomeNetwork(topology, text) ? undefined : findContainer(topology, text));
  if (container) {
    const shared = sharedNetworks(from, container, topology);
    const endpoints = effectiveEndpoints(container, topology);
    const onShared = endpoints.find((e) => shared.some((n) => n.id === e.networkId) && e.ipv4);
    const address = (onShared ?? endpoints.find((e) => e.ipv4))?.ipv4?.split('/')[0] ?? null;
    return { kind: 'container', container, name: container.name, address, port, url: urlFor(container.name) };
  }
  return { kind: 'name', container: null, name: text, address: null, port, url: urlFor(text) };
}

const isAliasOnSomeNetwork = (topology: Topology, name: string) =>
  topology.containers.some((c) => c.endpoints.some((e) => e.aliases.some((alias) => alias.toLowerCase() === name.toLowerCase())));

/**
 * The DNS step as the container's own resolver would take it: an --add-host entry in /etc/hosts answers
 * first, without asking any server; otherwise its servers are asked, and the line says which way the answer came.
 */
async function resolveName(
  from: ContainerInfo,
  topology: Topology,
  name: string,
  ask: (name: string) => Promise<{ address: string | null; step: TestStep }>,
): Promise<{ address: string | null; step: TestStep }> {
  const fromHosts = extraHostAddress(from, name);
  if (fromHosts)
    return {
      address: fromHosts,
      step: {
        name: 'dns',
        status: 'pass',
        summary: `${name} is ${fromHosts} (from /etc/hosts: --add-host ${name}:${fromHosts}, before any DNS server)`,
        timeMs: 0,
        evidence: { name, source: '/etc/hosts (--add-host)', address: fromHosts },
      },
    };
  const dns = await ask(name);
  const evidence = dns.step.evidence as { server?: string; tried?: Array<{ name: string; answers: number }> } | null;
  const path =
    dns.step.status === 'pass' && evidence?.tried
      ? dnsPath(from, topology, name, { server: evidence.server, tried: evidence.tried })
      : null;
  return path ? { ...dns, step: { ...dns.step, summary: `${dns.step.summary}: ${path}` } } : dns;
}
