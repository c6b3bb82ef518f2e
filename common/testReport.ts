/**
 * A connectivity test from one container to a target, as the backend reports
 * it: each step with its evidence, and a diagnosis in plain words (with a fix
 * where there is one) when something fails.
 */
import type { PathHop } from './acrossNodesPath.js';

export interface TestSpec {
  /** The source container: name or id. */
  from: string;
  /** A container name or id, a DNS name or alias, an IP address, http(s):// URL, or "host" (the engine host as A sees it). */
  target: string;
  port?: number;
  /** Path for an HTTP GET (implies port 80 when no port is given). */
  httpPath?: string;
}

export type StepName = 'dns' | 'route' | 'ping' | 'tcp' | 'http';

export interface TestStep {
  name: StepName;
  status: 'pass' | 'fail' | 'skipped';
  /** One line a person reads first. */
  summary: string;
  timeMs: number | null;
  /** The probe's raw answer. */
  evidence: unknown;
}

export interface Fix {
  kind: 'connect';
  /** Container and network ids. */
  container: string;
  network: string;
  networkName: string;
  label: string;
}

export interface Diagnosis {
  code:
    | 'source-stopped'
    | 'target-stopped'
    | 'source-none'
    | 'no-shared-network'
    | 'no-dns-default-bridge'
    | 'name-not-found'
    | 'resolver-unreachable'
    | 'dns-server-unreachable'
    | 'name-on-other-network'
    | 'internal-network'
    | 'icc-disabled'
    | 'no-route'
    | 'unreachable'
    | 'port-closed'
    | 'listens-on-loopback'
    | 'not-published'
    | 'nothing-listening'
    | 'published-on-loopback-only'
    | 'port-filtered'
    | 'http-error'
    | 'http-failed'
    /** Across swarm nodes: VXLAN packets sent by one node's overlay do not arrive at the other's (UDP 4789). */
    | 'vxlan-blocked'
    /** Across swarm nodes: one node's overlay sent nothing towards the other (no peer entry for it). */
    | 'vxlan-no-peer'
    /** Across swarm nodes: a node's overlay MTU plus VXLAN's headers is more than its underlay interface's MTU. */
    | 'vxlan-mtu';
  text: string;
  fix?: Fix;
}

export interface TestReport {
  from: { id: string; name: string };
  target: {
    text: string;
    /** 'published': a test from the engine host to a published port (`dockwire test host …`). */
    kind: 'container' | 'name' | 'ip' | 'url' | 'host' | 'published';
    containerId: string | null;
    address: string | null;
  };
  /** A test from the host: the publication it went through, "127.0.0.1:5050 -> web:80/tcp". */
  mapping?: string;
  steps: TestStep[];
  diagnosis: Diagnosis[];
  ok: boolean;
  /** How the probes ran: the native helper in the namespace, or docker exec of the image's own tools. */
  via: 'helper' | 'docker-exec';
  /** What could not be tested, and why (the fallback's gaps). */
  untested: string[];
  /** Stopped by the person before every step ran: no diagnosis is drawn from a part. */
  cancelled?: true;
  /** Between containers on two swarm nodes: the path hop by hop, each passed, failed or not known (./acrossNodesPath.ts). */
  acrossNodes?: PathHop[];
}

/** A step done, while its test runs (the test's id is the caller's, so it can follow its own). */
export interface TestProgress {
  testId: number;
  step: TestStep;
}

export interface PairCell {
  from: string;
  to: string;
  dns: 'pass' | 'fail' | 'n/a';
  ping: 'pass' | 'fail';
  evidence: { dns: unknown; ping: unknown };
  /** What failed, in a few words (../common/pairReason.ts); null when both passed. */
  reason: string | null;
}

/** A container that shares another's network namespace (--network container:x): its results are x's. */
export interface PairSharer {
  name: string;
  owner: string;
}
