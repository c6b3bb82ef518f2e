/**
 * The many-hosts lab (scripts/lab.sh) from a test: several Docker engines, each in a network namespace and
 * with a hostname of its own, on one bridge (10.250.0.0/24). A test brings it up in beforeAll and takes it
 * down in afterAll; `up` first removes what an earlier, failed run left.
 */
import { execFileSync } from 'node:child_process';

const LAB = new URL('../../scripts/lab.sh', import.meta.url).pathname;
export const LAB_DIR = process.env.DOCKWIRE_LAB_DIR ?? '/tmp/dockwire-lab';
/** The lab's own Docker config: one context per node (docker --context node2 …). */
export const LAB_DOCKER_CONFIG = `${LAB_DIR}/docker-config`;

export interface LabNode {
  name: string;
  /** Its engine's DOCKER_HOST. */
  host: string;
  /** Its address on the lab bridge. */
  address: string;
  /** Its network namespace (ip -n NETNS …): the node's "host" kernel. */
  netns: string;
}

function lab(...args: string[]): string {
  return execFileSync('bash', [LAB, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export function labUp(count: number): LabNode[] {
  lab('down');
  return lab('up', String(count))
    .split('\n')
    .map((line) => {
      const [name, host, address] = line.split(' ') as [string, string, string];
      return { name, host, address, netns: `dwlab-${name}` };
    });
}

export const labDown = () => void lab('down');
/** node1 a swarm manager, the other nodes its workers, all Ready. */
export const labSwarm = () => void lab('swarm');
export const stopNode = (name: string) => void lab('stop', name);
export const startNode = (name: string) => void lab('start', name);

/** The docker CLI against one node, as a person with the lab's contexts would type it. */
export function dockerOn(node: LabNode, ...args: string[]): string {
  return execFileSync('docker', ['--host', node.host, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** The environment in which `--context nodeN` names the lab's nodes, and nothing else picks an engine. */
/** The VXLAN id Docker gave an overlay network: the ground truth for what Dockwire shows of it. */
export const vniOf = (node: LabNode, network: string) =>
  dockerOn(node, 'network', 'inspect', '-f', '{{index .Options "com.docker.network.driver.overlay.vxlanid_list"}}', network).trim();

export function labEnv(): NodeJS.ProcessEnv {
  const { DOCKER_HOST: _host, DOCKER_CONTEXT: _context, ...rest } = process.env;
  return { ...rest, DOCKER_CONFIG: LAB_DOCKER_CONFIG };
}

/** The containers a node's docker lists, but Dockwire's own helper (which the Topology leaves out), sorted. */
export function containerNamesOn(node: LabNode): string[] {
  return dockerOn(node, 'ps', '-a', '--format', '{{.Names}} {{.Label "dockwire.helper"}}')
    .split('\n')
    .filter((line) => line && !line.endsWith(' 1'))
    .map((line) => line.split(' ')[0]!)
    .sort();
}
