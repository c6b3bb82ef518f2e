/**
 * The `dockwire` command: the same backend as the app, in a terminal. Every command and subcommand answers
 * --help (and -h) with its usage, exit 0, as the Docker CLI does.
 *   dockwire topology                    print the host's networking (--json: the Topology contract)
 *   dockwire diff OLD [NEW]              what changed between two snapshots, or since one
 *   dockwire pull <image>                pull an image, with progress
 *   dockwire capture <container>         packets in a container's namespace (pcap with -w)
 *   dockwire serve                       browser mode on 127.0.0.1
 *   dockwire connect | disconnect        a container to or from a network
 *   dockwire network create | rm         networks
 *   dockwire wire | unwire               a veth pair made by hand, as the seed does
 *   dockwire test <from> <target>        a connectivity test (test host: a published port from the host)
 *   dockwire trace <from> <target>       the packets hop by hop, and the firewall rule that dropped them
 *   dockwire firewall                    the host's firewall, read-only, with counters
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineChoices } from '../config.js';
import { createWindowBackend } from '../engineSet.js';
import { snapshotBackend } from '../snapshotBackend.js';
import { readSnapshotFile } from '../snapshotFile.js';
import { connectCommand, disconnectCommand, networkCreateCommand, networkRmCommand } from './changeCommands.js';
import { printFailure, printOutcome, UsageError, type Outcome } from './outcome.js';
import { diffCommand, topologyCommand } from './snapshotCommands.js';
import { testCommand } from './testCommand.js';
import { firewallCommand, traceCommand } from './traceCommand.js';
import { pullCommand } from './pullCommand.js';
import { captureCommand } from './captureCommand.js';
import { unwireCommand, wireCommand } from './wireCommands.js';
import { exitWhenFlushed } from './exitWhenFlushed.js';

/** Each command's usage, as `dockwire COMMAND --help` prints it; `dockwire --help` prints them all. */
const COMMANDS: Array<[command: string, usage: string]> = [
  [
    'topology',
    `dockwire topology [--format tree|json|mermaid|dot] [--json] [--fresh] [--timings]
      print the Docker host's networks and containers (--json: --format json, a snapshot).
      When the app or dockwire serve follows the same engine, the answer comes from its live model,
      through a socket only you can open; --fresh reads the engine afresh instead.
      --timings: where the time went, stage by stage, on stderr
  dockwire topology --context NAME... [--host URL]... [--format tree|json] [--json]
      several engines at once, each read afresh, in the order named (--json: {"hosts":[…]});
      one that cannot be read is reported in its place, and the exit status is 1`,
  ],
  [
    'diff',
    `dockwire diff OLD.json [NEW.json] [--json]
      what changed between two snapshots, or between OLD.json and the engine now;
      exit 0 no change, 1 changed, 2 a file is not a Dockwire snapshot`,
  ],
  ['pull', `dockwire pull <image> [--json]\n      pull an image (credentials as the docker CLI keeps them); Ctrl-C cancels`],
  [
    'capture',
    `dockwire capture <container> [--iface NAME] [--count N] [--seconds S] [--filter EXPR] [-w FILE|-]
      capture packets inside a container's namespace: one line per packet, or pcap with -w
      (-w - for stdout: dockwire capture web -w - | tcpdump -nr -); Ctrl-C stops.
      filter: proto icmp|tcp|udp|arp|dns, host ADDRESS, port N, joined with and, or, not, ( )
      --underlay: the VXLAN carrying its overlay traffic, on its swarm node's underlay interface`,
  ],
  [
    'serve',
    `dockwire serve [--port N] [--snapshot FILE] [--context NAME]... [--host URL]...
      serve the Dockwire UI to a browser on 127.0.0.1 (--snapshot: show FILE read-only, no engine);
      with --context or --host (each as often as there are engines): several engines in one picture`,
  ],
  ['connect', 'dockwire connect <container> <network> [--ip A.B.C.D] [--ip6 ADDR] [--alias NAME]... [--json]'],
  ['disconnect', 'dockwire disconnect <container> <network> [--json]'],
  [
    'network create',
    `dockwire network create <name> [--driver bridge|macvlan|ipvlan|overlay] [--subnet CIDR]...
      [--gateway IP]... [--ip-range CIDR] [--aux-address NAME=IP]... [--ipv6] [--internal]
      [--attachable] [-o KEY=VALUE]... [--label KEY=VALUE]... [--json]`,
  ],
  [
    'network rm',
    `dockwire network rm <network> [--disconnect] [--json]
      --disconnect: disconnect the containers on it first (and put them back if the removal fails)`,
  ],
  ['wire', 'dockwire wire <container> <network> [--ip A.B.C.D/len] [--ifname NAME] [--host-ifname NAME] [--no-route] [--json]'],
  ['unwire', 'dockwire unwire <container> <ifname> [--json]'],
  [
    'test',
    `dockwire test <from> <target> [--port N] [--http PATH] [--context NAME]... [--host URL]... [--json]
      target: a container, a DNS name or alias, an IP, an http(s):// URL, or "host";
      with engines named, the two may be on different engines (a test across swarm nodes, its path hop by hop)
  dockwire test host <IP:PORT | CONTAINER:PORT> [--http PATH] [--json]
      a published port, from the engine host: 127.0.0.1:5050, or web:80 (found through what web publishes)`,
  ],
  [
    'trace',
    `dockwire trace <from|host> <target>[:PORT] [--proto icmp|tcp|udp] [--size N] [--json]
      follow a probe hop by hop (veth, bridge, veth) and name what stopped it: the firewall rule or
      chain policy whose counter rose, no route, no ARP answer, the MTU; exit 0 when it got there and back.
      No port: ping; with one: tcp (--proto udp for udp). From host to a published port: through its DNAT`,
  ],
  [
    'firewall',
    `dockwire firewall [--json]
      the host's firewall (nf_tables), read-only, as iptables -S prints it, with packet counters`,
  ],
];

const FOOTER = `Changes are checked before Docker sees them. Exit status: 0 done (or already so),
1 refused, engine unreachable or a test step failed (diff: something changed),
2 a malformed command line or a file that is not a Dockwire snapshot.
With --json, stdout holds one JSON document: {"ok":true,"result":…} or
{"ok":false,"error":{"code","message","details"}} (dockwire topology --json: the Topology).

The engine is chosen as the docker CLI chooses it: DOCKER_HOST, DOCKER_CONTEXT,
currentContext in the Docker config, else /var/run/docker.sock.
The kernel view runs a small helper container on the engine (DOCKWIRE_HELPER=container,
the default); DOCKWIRE_HELPER=local runs it as a local process (root, local engine);
DOCKWIRE_HELPER=off runs without it. The helper container stays for the next command
and leaves after DOCKWIRE_HELPER_KEEP seconds unused (default 300; 0: each command
starts and removes its own).`;

const USAGE = `usage:\n${COMMANDS.map(([, usage]) => `  ${usage}`).join('\n')}\n\n${FOOTER}`;

/** The usage of one command (of both, for "network"), or null for a command there is not. */
function usageOf(command: string): string | null {
  const lines = COMMANDS.filter(([name]) => name === command || name.startsWith(`${command} `)).map(([, usage]) => `  ${usage}`);
  return lines.length ? `usage:\n${lines.join('\n')}` : null;
}

/** The commands that run once and end with an Outcome (./outcome.ts). */
const ONE_SHOT: Record<string, (args: string[]) => Promise<Outcome>> = {
  topology: topologyCommand,
  diff: diffCommand,
  pull: pullCommand,
  connect: connectCommand,
  disconnect: disconnectCommand,
  test: testCommand,
  trace: traceCommand,
  firewall: firewallCommand,
  wire: wireCommand,
  unwire: unwireCommand,
  'network create': networkCreateCommand,
  'network rm': networkRmCommand,
  'network remove': networkRmCommand,
};

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  // dockwire COMMAND [SUBCOMMAND] --help: that command's usage.
  if (rest.includes('--help') || rest.includes('-h')) {
    const sub = command === 'network' && rest[0] && !rest[0].startsWith('-') ? `network ${rest[0]}` : command;
    const usage = usageOf(sub) ?? usageOf(command);
    if (!usage) return printFailure(new UsageError(`unknown command "${command}"`), json, USAGE);
    console.log(`${usage}\n\n${FOOTER}`);
    return 0;
  }
  if (command === 'serve') return serve(rest);
  // Not a one-shot Outcome: its stdout may be a pcap stream, so failures go to stderr only.
  if (command === 'capture') return captureCommand(rest).catch((error: unknown) => printFailure(error, false, USAGE));
  const [key, args] = command === 'network' ? [`network ${rest[0] ?? ''}`, rest.slice(1)] : [command, rest];
  try {
    const run = ONE_SHOT[key];
    if (!run) throw new UsageError(command === 'network' ? 'dockwire network: expected create or rm' : `unknown command "${command}"`);
    return printOutcome(await run(args), json);
  } catch (error) {
    return printFailure(error, json, USAGE);
  }
}

async function serve(args: string[]): Promise<number> {
  let port = 0;
  let snapshot: string | null = null;
  const engines = engineChoices(args);
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if ((arg === '--context' || arg === '--host') && args[index + 1] !== undefined) {
      index++;
    } else if (arg?.startsWith('--context=') || arg?.startsWith('--host=')) {
      continue;
    } else if (arg === '--port') {
      port = Number(args[++index]);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        console.error('dockwire serve: --port takes a number from 0 to 65535');
        return 2;
      }
    } else if (arg === '--snapshot' && args[index + 1] !== undefined) {
      snapshot = args[++index]!;
    } else {
      console.error(`dockwire serve: unknown option ${arg}\n\n${USAGE}`);
      return 2;
    }
  }
  // A snapshot is read before anything starts: a file that is not one ends here, with exit 2.
  if (snapshot !== null && engines.length > 0) {
    console.error(`dockwire serve: --snapshot shows a file, not an engine: it cannot go with --context or --host\n\n${USAGE}`);
    return 2;
  }
  let backend;
  try {
    if (snapshot !== null) backend = snapshotBackend(await readSnapshotFile(snapshot), snapshot);
    else backend = createWindowBackend(engines, (line) => console.error(line));
  } catch (error) {
    return printFailure(error, false, USAGE);
  }
  // Bundled as CommonJS (dist/backend/cli.cjs): __dirname; from sources (tests): import.meta.
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  const staticDir = join(here, '..', 'renderer');
  // Loaded only for this command: the one-shot commands never pay for the server and its WebSocket library.
  const { startServer } = await import('../server/server.js');
  const server = await startServer({ backend, staticDir, port });
  // `dockwire topology` in another terminal is answered from this server's live model (not for a snapshot).
  const { answerTheCli } = await import('../server/warmAnswers.js');
  // (While it follows several engines it declines: the CLI asks about one engine, and asks each of them afresh.)
  const warm = snapshot === null ? await answerTheCli(backend, (line) => console.error(line)) : null;
  // The URL carries this launch's token: only whoever sees this output can use the UI.
  if (snapshot !== null) console.log(`It shows the snapshot ${snapshot}, read-only: no engine is used.`);
  console.log(`Dockwire is serving on ${server.url}`);
  const shutdown = async () => {
    await warm?.close();
    await server.close();
    await backend.stop();
    process.exit(0);
  };
  // A long-running server outlives any one failure: a promise nobody awaited is logged, not fatal to every tab.
  process.on('unhandledRejection', (reason) => {
    console.error(
      `dockwire serve: a task failed and was dropped: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
    );
  });
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  return new Promise<number>(() => {});
}

main(process.argv.slice(2)).then(exitWhenFlushed, (error: unknown) => {
  console.error(`dockwire: ${error instanceof Error ? error.message : String(error)}`);
  exitWhenFlushed(1);
});
